package dev.gantry.store.internal;

import dev.gantry.store.audit.VerifyResult;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.PayloadUnreadableException;
import dev.gantry.store.crypto.SealedPayload;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Runs {@link ChainVerifier} over the stored rows of one connection: reads the anchor, streams the
 * rows, finds records by hash, and checks what the hashes cover only through commitments (the
 * customer, and the payload, decrypted when its key is configured). Thread-safe.
 */
final class ChainCheck {
  private final PayloadCipher cipher;

  ChainCheck(PayloadCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * Walks the rows after {@code anchor} up to {@code through} and checks them against {@code head}.
   */
  VerifyResult walk(
      Connection c, ChainVerifier.Anchor anchor, long through, ChainVerifier.Head head)
      throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(AuditRows.SELECT + " WHERE seq > ? AND seq <= ? ORDER BY seq");
        PreparedStatement locate = c.prepareStatement("SELECT seq FROM audit_log WHERE hash = ?")) {
      ps.setFetchSize(500);
      ps.setLong(1, anchor.seq());
      ps.setLong(2, through);
      try (ResultSet rs = ps.executeQuery()) {
        return ChainVerifier.walk(
            anchor,
            () -> rs.next() ? AuditRows.read(rs) : null,
            head,
            hash -> {
              locate.setString(1, hash);
              try (ResultSet l = locate.executeQuery()) {
                return l.next() ? OptionalLong.of(l.getLong(1)) : OptionalLong.empty();
              }
            },
            this::contentProblem);
      }
    }
  }

  static ChainVerifier.Anchor anchor(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, hash FROM audit_anchor WHERE seq = (SELECT MAX(seq) FROM"
                    + " audit_anchor)");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_anchor has no row");
      }
      return new ChainVerifier.Anchor(rs.getLong(1), rs.getString(2));
    }
  }

  /** Checks what the hash covers only through commitments: the customer and the payload. */
  private String contentProblem(ChainRow r) {
    ChainFields f = r.fields();
    if (r.customer() != null) {
      if (r.salt() == null || f.customerCommit() == null) {
        return "customer stored without its commitment";
      }
      if (!ChainHash.commit("customer", r.salt(), r.customer()).equals(f.customerCommit())) {
        return "customer does not match its commitment";
      }
    } else if (f.customerCommit() != null && r.erasedAt() == null) {
      return "customer removed without an erasure";
    }
    if (r.payload() != null) {
      if (r.salt() == null || f.payloadCommit() == null || r.payloadKeyId() == null) {
        return "payload stored without its commitment";
      }
      if (cipher.hasKey(r.payloadKeyId())) {
        String plain;
        try {
          plain =
              new String(
                  cipher.open(new SealedPayload(r.payloadKeyId(), r.payload()), r.salt()),
                  StandardCharsets.UTF_8);
        } catch (PayloadUnreadableException e) {
          return "payload does not decrypt: " + e.getMessage();
        }
        if (!ChainHash.commit("payload", r.salt(), plain).equals(f.payloadCommit())) {
          return "payload does not match its commitment";
        }
      }
    } else if (f.payloadCommit() != null && r.erasedAt() == null) {
      return "payload removed without an erasure";
    }
    return null;
  }
}
