package dev.gantry.store.internal;

import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.SealedPayload;
import dev.gantry.store.responses.ResponseStore;
import dev.gantry.store.responses.StoredResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ResponseStore} on the store's database (table {@code responses}). The sealed body's
 * associated data is the response id, so a body copied into another row does not open. Thread-safe.
 */
public final class SqlResponseStore implements ResponseStore {
  private final Db db;
  private final PayloadCipher cipher;
  private final Clock clock;

  public SqlResponseStore(Db db, PayloadCipher cipher, Clock clock) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public void put(StoredResponse r) {
    String keyId = null;
    byte[] body = r.body();
    if (cipher.canSeal()) {
      SealedPayload sealed = cipher.seal(body, aad(r.id()));
      keyId = sealed.keyId();
      body = sealed.bytes();
    }
    String key = keyId;
    byte[] bytes = body;
    db.write(
        "storing a response",
        c -> {
          try (PreparedStatement del = c.prepareStatement("DELETE FROM responses WHERE id = ?")) {
            del.setString(1, r.id());
            del.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO responses (id, tenant, created_at, expires_at, key_id, body)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id());
            s.setString(2, r.tenant());
            s.setLong(3, r.createdAt().toEpochMilli());
            s.setLong(4, r.expiresAt().toEpochMilli());
            s.setString(5, key);
            s.setBytes(6, bytes);
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<StoredResponse> get(String tenant, String id) {
    long now = clock.millis();
    return db.read(
        "reading a response",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT created_at, expires_at, key_id, body FROM responses"
                      + " WHERE id = ? AND tenant = ? AND expires_at > ?")) {
            s.setString(1, id);
            s.setString(2, tenant);
            s.setLong(3, now);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String keyId = rs.getString(3);
              byte[] body = rs.getBytes(4);
              if (keyId != null) {
                body = cipher.open(new SealedPayload(keyId, body), aad(id));
              }
              return Optional.of(
                  new StoredResponse(
                      id,
                      tenant,
                      Instant.ofEpochMilli(rs.getLong(1)),
                      Instant.ofEpochMilli(rs.getLong(2)),
                      body));
            }
          }
        });
  }

  @Override
  public boolean delete(String tenant, String id) {
    return db.write(
        "deleting a response",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM responses WHERE id = ? AND tenant = ?")) {
            s.setString(1, id);
            s.setString(2, tenant);
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public long purgeExpired() {
    long now = clock.millis();
    return db.write(
        "purging expired responses",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM responses WHERE expires_at <= ?")) {
            s.setLong(1, now);
            return (long) s.executeUpdate();
          }
        });
  }

  private static byte[] aad(String id) {
    return ("response:" + id).getBytes(StandardCharsets.UTF_8);
  }
}
