package dev.gantry.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.KeyLimits;
import dev.gantry.store.StoreException;
import dev.gantry.store.keys.CreatedKey;
import dev.gantry.store.keys.KeyRecord;
import dev.gantry.store.keys.KeySpec;
import dev.gantry.store.keys.KeyStore;
import dev.gantry.store.keys.Role;
import dev.gantry.store.keys.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** {@link KeyStore} over the {@code api_keys} table. Thread-safe; no state besides the pools. */
public final class SqlKeyStore implements KeyStore {
  private static final String COLUMNS =
      "id, prefix, secret_hmac, tenant, role, name, routes, endpoints, created_at, expires_at,"
          + " revoked_at, rotated_from, rpm, tpm, concurrency";
  private static final byte[] NO_MATCH = new byte[32];
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Db db;
  private final ServerSecret secret;
  private final Clock clock;
  private final SecureRandom random;

  public SqlKeyStore(Db db, ServerSecret secret, Clock clock, SecureRandom random) {
    this.db = db;
    this.secret = secret;
    this.clock = clock;
    this.random = random;
  }

  private record Row(KeyRecord record, byte[] hmac) {}

  @Override
  public CreatedKey create(KeySpec spec) {
    return db.write("creating a key", c -> insertNew(c, spec, null));
  }

  private CreatedKey insertNew(Connection c, KeySpec spec, String rotatedFrom) throws SQLException {
    ApiKeyCodec.Generated g;
    do {
      g = ApiKeyCodec.generate(random);
    } while (byPrefix(c, g.prefix()).isPresent());
    KeyRecord r =
        new KeyRecord(
            ApiKeyCodec.newId(random),
            g.prefix(),
            spec.tenant(),
            spec.role(),
            spec.name(),
            spec.routes(),
            spec.endpoints(),
            now(),
            spec.expiresAt(),
            null,
            rotatedFrom,
            spec.limits());
    insert(c, r, hmac(g.plaintext()));
    return new CreatedKey(g.plaintext(), r);
  }

  @Override
  public Optional<KeyRecord> authenticate(String presentedKey) {
    if (presentedKey == null
        || presentedKey.isEmpty()
        || presentedKey.length() > ApiKeyCodec.MAX_LENGTH) {
      return Optional.empty();
    }
    byte[] hmac = hmac(presentedKey);
    String prefix = ApiKeyCodec.lookupPrefix(presentedKey, hmac);
    Optional<Row> row = db.read("authenticating a key", c -> byPrefix(c, prefix));
    // Compare against something even when the prefix is unknown, so both paths do the same work.
    boolean equal = MessageDigest.isEqual(row.map(Row::hmac).orElse(NO_MATCH), hmac);
    if (row.isEmpty() || !equal) {
      return Optional.empty();
    }
    KeyRecord record = row.get().record();
    return record.activeAt(clock.instant()) ? Optional.of(record) : Optional.empty();
  }

  @Override
  public Optional<KeyRecord> get(String id) {
    return db.read(
        "reading a key",
        c -> {
          List<Row> rows = query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id);
          return rows.stream().findFirst().map(Row::record);
        });
  }

  @Override
  public List<KeyRecord> list(String tenant) {
    return db.read(
        "listing keys",
        c ->
            records(
                query(
                    c,
                    "SELECT " + COLUMNS + " FROM api_keys WHERE tenant = ? ORDER BY created_at, id",
                    tenant)));
  }

  @Override
  public List<KeyRecord> listAll() {
    return db.read(
        "listing keys",
        c -> records(query(c, "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")));
  }

  @Override
  public boolean revoke(String id) {
    return db.write("revoking a key", c -> markRevoked(c, id));
  }

  private boolean markRevoked(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      ps.setLong(1, now().toEpochMilli());
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public CreatedKey rotate(String id) {
    return db.write(
        "rotating a key",
        c -> {
          List<Row> rows = query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id);
          if (rows.isEmpty()) {
            throw new NoSuchElementException("no key with id " + id);
          }
          KeyRecord old = rows.get(0).record();
          if (old.revokedAt() != null || !markRevoked(c, id)) {
            throw new IllegalStateException("key " + id + " is revoked and cannot be rotated");
          }
          KeySpec spec =
              new KeySpec(
                  old.tenant(),
                  old.role(),
                  old.name(),
                  old.routes(),
                  old.endpoints(),
                  old.expiresAt(),
                  old.limits());
          return insertNew(c, spec, id);
        });
  }

  @Override
  public KeyRecord ensureBootstrapAdmin(String plaintextKey, String tenant) {
    if (plaintextKey == null
        || (!ApiKeyCodec.isGenerated(plaintextKey)
            && (plaintextKey.length() < ApiKeyCodec.MIN_OPAQUE
                || plaintextKey.length() > ApiKeyCodec.MAX_LENGTH))) {
      throw new IllegalArgumentException(
          "the bootstrap admin key must be a gk_ key or "
              + ApiKeyCodec.MIN_OPAQUE
              + ".."
              + ApiKeyCodec.MAX_LENGTH
              + " characters long");
    }
    byte[] hmac = hmac(plaintextKey);
    String prefix = ApiKeyCodec.lookupPrefix(plaintextKey, hmac);
    KeySpec spec = KeySpec.of(tenant, Role.ADMIN, "bootstrap admin");
    try {
      return ensure(prefix, hmac, spec);
    } catch (StoreException e) {
      // Another replica inserted the same key between our lookup and insert; it exists now.
      return ensure(prefix, hmac, spec);
    }
  }

  private KeyRecord ensure(String prefix, byte[] hmac, KeySpec spec) {
    return db.write(
        "ensuring the bootstrap admin key",
        c -> {
          Optional<Row> existing = byPrefix(c, prefix);
          if (existing.isPresent()) {
            if (!MessageDigest.isEqual(existing.get().hmac(), hmac)) {
              throw new IllegalStateException(
                  "another key already uses the bootstrap key's prefix " + prefix);
            }
            if (existing.get().record().role() != Role.ADMIN) {
              throw new IllegalStateException(
                  "the bootstrap key exists with role " + existing.get().record().role());
            }
            return existing.get().record();
          }
          KeyRecord r =
              new KeyRecord(
                  ApiKeyCodec.newId(random),
                  prefix,
                  spec.tenant(),
                  Role.ADMIN,
                  spec.name(),
                  List.of(),
                  List.of(),
                  now(),
                  null,
                  null,
                  null);
          insert(c, r, hmac);
          return r;
        });
  }

  @Override
  public boolean hasActiveAdmin() {
    return db.read(
        "looking for an admin key",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM api_keys WHERE role = ? AND revoked_at IS NULL"
                      + " AND (expires_at IS NULL OR expires_at > ?)")) {
            ps.setString(1, Role.ADMIN.name());
            ps.setLong(2, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1) > 0;
            }
          }
        });
  }

  private byte[] hmac(String key) {
    return secret.hmac(key.getBytes(StandardCharsets.UTF_8));
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  private static Optional<Row> byPrefix(Connection c, String prefix) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE prefix = ?", prefix).stream()
        .findFirst();
  }

  private static List<KeyRecord> records(List<Row> rows) {
    return rows.stream().map(Row::record).toList();
  }

  private static void insert(Connection c, KeyRecord r, byte[] hmac) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO api_keys ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.id());
      ps.setString(2, r.prefix());
      ps.setBytes(3, hmac);
      ps.setString(4, r.tenant());
      ps.setString(5, r.role().name());
      ps.setString(6, r.name());
      ps.setString(7, json(r.routes()));
      ps.setString(8, json(r.endpoints()));
      ps.setLong(9, r.createdAt().toEpochMilli());
      setMillis(ps, 10, r.expiresAt());
      setMillis(ps, 11, r.revokedAt());
      ps.setString(12, r.rotatedFrom());
      ps.setInt(13, r.limits().rpm());
      ps.setInt(14, r.limits().tpm());
      ps.setInt(15, r.limits().concurrency());
      ps.executeUpdate();
    }
  }

  private static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }

  private static List<Row> query(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Row(
                  new KeyRecord(
                      rs.getString("id"),
                      rs.getString("prefix"),
                      rs.getString("tenant"),
                      Role.valueOf(rs.getString("role")),
                      rs.getString("name"),
                      strings(rs.getString("routes")),
                      strings(rs.getString("endpoints")),
                      Instant.ofEpochMilli(rs.getLong("created_at")),
                      instant(rs, "expires_at"),
                      instant(rs, "revoked_at"),
                      rs.getString("rotated_from"),
                      new KeyLimits(rs.getInt("rpm"), rs.getInt("tpm"), rs.getInt("concurrency"))),
                  rs.getBytes("secret_hmac")));
        }
      }
      return out;
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static String json(List<String> values) {
    try {
      return Json.MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return Json.MAPPER.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("api_keys holds a scope that is not a JSON array", e);
    }
  }
}
