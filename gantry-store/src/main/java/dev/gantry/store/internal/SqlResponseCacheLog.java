package dev.gantry.store.internal;

import dev.gantry.store.Dialect;
import dev.gantry.store.cache.CachePurge;
import dev.gantry.store.cache.ResponseCacheLog;
import dev.gantry.store.cache.StoredAnswer;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.PayloadUnreadableException;
import dev.gantry.store.crypto.SealedPayload;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@link ResponseCacheLog} over the {@code response_cache} and {@code response_cache_purge} tables.
 * Embeddings are stored as little-endian float32 bytes. With data keys, {@code question} and {@code
 * answer} hold base64 of the sealed text and {@code key_id} the key's id (null: clear text).
 * Thread-safe.
 */
public final class SqlResponseCacheLog implements ResponseCacheLog {
  private static final String COLUMNS =
      "seq, scope, route, route_version, exact_key, fingerprint, question, embedding, answer,"
          + " cost_micros, created_at, expires_at, key_id";

  private final Db db;
  private final PayloadCipher cipher;

  public SqlResponseCacheLog(Db db, PayloadCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  @Override
  public StoredAnswer add(StoredAnswer e) {
    String keyId = cipher.canSeal() ? cipher.activeKeyId() : null;
    String question = keyId == null ? e.question() : seal(e, "question", e.question());
    String answer = keyId == null ? e.answer() : seal(e, "answer", e.answer());
    return db.write(
        "storing a cache entry",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO response_cache (scope, route, route_version, exact_key,"
                      + " fingerprint, question, embedding, answer, cost_micros, created_at,"
                      + " expires_at, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, e.scope());
            ps.setString(2, e.route());
            ps.setString(3, e.routeVersion());
            ps.setString(4, e.exactKey());
            ps.setString(5, e.fingerprint());
            ps.setString(6, question);
            if (e.embedding() == null) {
              ps.setNull(7, db.dialect() == Dialect.POSTGRESQL ? Types.BINARY : Types.BLOB);
            } else {
              ps.setBytes(7, bytes(e.embedding()));
            }
            ps.setString(8, answer);
            ps.setLong(9, e.costMicros());
            ps.setLong(10, e.createdAt().toEpochMilli());
            ps.setLong(11, e.expiresAt().toEpochMilli());
            ps.setString(12, keyId);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return e.withSeq(keys.getLong(1));
            }
          }
        });
  }

  @Override
  public Batch read(long afterSeq, Instant now, int limit) {
    return db.read(
        "reading cache entries",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM response_cache WHERE seq > ? AND expires_at > ? ORDER BY seq"
                      + " LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, now.toEpochMilli());
            ps.setInt(3, limit);
            List<StoredAnswer> out = new ArrayList<>();
            List<Long> unreadable = new ArrayList<>();
            int scanned = 0;
            long last = afterSeq;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                scanned++;
                last = Math.max(last, rs.getLong(1));
                byte[] v = rs.getBytes(8);
                StoredAnswer stored =
                    new StoredAnswer(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        v == null ? null : floats(v),
                        rs.getString(9),
                        rs.getLong(10),
                        Instant.ofEpochMilli(rs.getLong(11)),
                        Instant.ofEpochMilli(rs.getLong(12)));
                String keyId = rs.getString(13);
                try {
                  out.add(keyId == null ? stored : open(stored, keyId));
                } catch (PayloadUnreadableException | IllegalArgumentException e) {
                  unreadable.add(stored.seq());
                }
              }
            }
            return new Batch(out, scanned, last, unreadable);
          }
        });
  }

  @Override
  public Purged purge(String route, String scope, Instant now) {
    return db.write(
        "purging cache entries",
        c -> {
          long upTo;
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM response_cache")) {
            rs.next();
            upTo = rs.getLong(1);
          }
          StringBuilder where = new StringBuilder(" WHERE seq <= ?");
          if (route != null) {
            where.append(" AND route = ?");
          }
          if (scope != null) {
            where.append(" AND scope = ?");
          }
          long deleted;
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM response_cache" + where)) {
            int i = 1;
            ps.setLong(i++, upTo);
            if (route != null) {
              ps.setString(i++, route);
            }
            if (scope != null) {
              ps.setString(i, scope);
            }
            deleted = ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO response_cache_purge (route, scope, up_to_seq, at)"
                      + " VALUES (?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, route);
            ps.setString(2, scope);
            ps.setLong(3, upTo);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return new Purged(new CachePurge(keys.getLong(1), route, scope, upTo), deleted);
            }
          }
        });
  }

  @Override
  public List<CachePurge> purgesAfter(long afterSeq) {
    return db.read(
        "reading cache purges",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, route, scope, up_to_seq FROM response_cache_purge WHERE seq > ?"
                      + " ORDER BY seq")) {
            ps.setLong(1, afterSeq);
            List<CachePurge> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new CachePurge(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.write(
        "deleting expired cache entries",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM response_cache WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  private String seal(StoredAnswer e, String field, String text) {
    SealedPayload sealed = cipher.seal(text.getBytes(StandardCharsets.UTF_8), aad(e, field));
    return Base64.getEncoder().encodeToString(sealed.bytes());
  }

  private StoredAnswer open(StoredAnswer e, String keyId) {
    return new StoredAnswer(
        e.seq(),
        e.scope(),
        e.route(),
        e.routeVersion(),
        e.exactKey(),
        e.fingerprint(),
        open(e, keyId, "question", e.question()),
        e.embedding(),
        open(e, keyId, "answer", e.answer()),
        e.costMicros(),
        e.createdAt(),
        e.expiresAt());
  }

  private String open(StoredAnswer e, String keyId, String field, String base64) {
    byte[] sealed = Base64.getDecoder().decode(base64);
    return new String(
        cipher.open(new SealedPayload(keyId, sealed), aad(e, field)), StandardCharsets.UTF_8);
  }

  /** Binds a sealed field to its row's tenant, route, route version, fingerprint and column. */
  private static byte[] aad(StoredAnswer e, String field) {
    return String.join(
            "\0", "response_cache", field, e.scope(), e.route(), e.routeVersion(), e.fingerprint())
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  static float[] floats(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }
}
