package dev.gantry.store.internal;

import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.PayloadUnreadableException;
import dev.gantry.store.crypto.SealedPayload;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.TreeSet;

/** Re-encryption of stored payloads under the active data key. Thread-safe. */
final class PayloadRotation {
  private static final int ROTATE_CHUNK = 200;

  private final Db db;
  private final PayloadCipher cipher;

  PayloadRotation(Db db, PayloadCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  /**
   * Re-encrypts every stored payload not sealed with the active data key, {@value #ROTATE_CHUNK}
   * per transaction. Payloads that cannot be opened are left as they are.
   *
   * @return payloads re-encrypted
   * @throws IllegalStateException after rotating the rest, when some payloads could not be opened
   */
  long rotate() {
    if (!cipher.canSeal()) {
      return 0;
    }
    String active = cipher.activeKeyId();
    long after = 0;
    long rotated = 0;
    long unreadable = 0;
    TreeSet<String> missing = new TreeSet<>();
    while (true) {
      long from = after;
      long[] chunk =
          db.write(
              "rotating data keys",
              c -> {
                long last = from;
                long done = 0;
                long bad = 0;
                int seen = 0;
                try (PreparedStatement select =
                        c.prepareStatement(
                            "SELECT seq, commit_salt, payload, payload_key_id FROM audit_log"
                                + " WHERE payload IS NOT NULL AND payload_key_id <> ? AND seq > ?"
                                + " ORDER BY seq LIMIT "
                                + ROTATE_CHUNK);
                    PreparedStatement update =
                        c.prepareStatement(
                            "UPDATE audit_log SET payload = ?, payload_key_id = ?"
                                + " WHERE seq = ? AND payload_key_id = ?")) {
                  select.setString(1, active);
                  select.setLong(2, from);
                  try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                      seen++;
                      last = rs.getLong(1);
                      byte[] salt = rs.getBytes(2);
                      String keyId = rs.getString(4);
                      SealedPayload old = new SealedPayload(keyId, rs.getBytes(3));
                      SealedPayload fresh;
                      try {
                        fresh = cipher.seal(cipher.open(old, salt), salt);
                      } catch (PayloadUnreadableException e) {
                        bad++;
                        if (!cipher.hasKey(keyId)) {
                          missing.add(keyId);
                        }
                        continue;
                      }
                      update.setBytes(1, fresh.bytes());
                      update.setString(2, fresh.keyId());
                      update.setLong(3, last);
                      update.setString(4, keyId);
                      update.addBatch();
                      done++;
                    }
                  }
                  if (done > 0) {
                    update.executeBatch();
                  }
                }
                return new long[] {seen, last, done, bad};
              });
      if (chunk[0] == 0) {
        break;
      }
      after = chunk[1];
      rotated += chunk[2];
      unreadable += chunk[3];
    }
    if (unreadable > 0) {
      throw new IllegalStateException(
          "re-encrypted "
              + rotated
              + " payloads; "
              + unreadable
              + " could not be opened"
              + (missing.isEmpty()
                  ? " (they do not authenticate)"
                  : " (data keys not configured: " + missing + ")"));
    }
    return rotated;
  }
}
