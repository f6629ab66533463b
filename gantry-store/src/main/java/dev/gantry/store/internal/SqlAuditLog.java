package dev.gantry.store.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.store.Dialect;
import dev.gantry.store.StoreException;
import dev.gantry.store.audit.AdminRecord;
import dev.gantry.store.audit.AuditChainBrokenException;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditLog;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.AuditRecord;
import dev.gantry.store.audit.RouteUsage;
import dev.gantry.store.audit.VerifyResult;
import dev.gantry.store.audit.WriterStats;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.SealedPayload;
import dev.gantry.store.keys.ServerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link AuditLog} over the {@code audit_*} tables. Thread-safe. */
public final class SqlAuditLog implements AuditLog, AutoCloseable {
  private final Db db;
  private final PayloadCipher cipher;
  private final AuditCodec codec;
  private final ChainCheck check;
  private final PayloadRotation rotation;
  private final ServerSecret pseudonyms;
  private final Clock clock;
  private final GroupCommitWriter writer;

  public SqlAuditLog(
      Db db,
      PayloadCipher cipher,
      ServerSecret serverSecret,
      Clock clock,
      SecureRandom random,
      int queueCapacity,
      int maxBatch) {
    this.db = db;
    this.cipher = cipher;
    this.codec = new AuditCodec(cipher, random);
    this.check = new ChainCheck(cipher);
    this.rotation = new PayloadRotation(db, cipher);
    this.pseudonyms = serverSecret.derive("audit/customer-pseudonym");
    this.clock = clock;
    this.writer = new GroupCommitWriter(db, queueCapacity, maxBatch);
  }

  // ---- append -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> append(AuditRecord record) {
    return writer.submit(codec.prepare(record));
  }

  @Override
  public CompletableFuture<Long> append(
      AuditRecord record, dev.gantry.store.ledger.SpendEntry alongside) {
    return writer.submit(codec.prepare(record), alongside);
  }

  /** The spend ledger, written by this log's group-commit writer. */
  public dev.gantry.store.ledger.SpendLedger ledger(Db db) {
    return new SqlSpendLedger(db, writer);
  }

  @Override
  public WriterStats stats() {
    return writer.stats();
  }

  // ---- verify -----------------------------------------------------------------------------

  @Override
  public VerifyResult verify() {
    return db.snapshot(
        "verifying the audit chain",
        c -> {
          ChainVerifier.Anchor anchor = ChainCheck.anchor(c);
          ChainVerifier.Head head;
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            head = new ChainVerifier.Head(rs.getLong(1), rs.getString(2));
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT MIN(seq) FROM audit_log WHERE seq <= ?")) {
            ps.setLong(1, anchor.seq());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              long early = rs.getLong(1);
              if (!rs.wasNull()) {
                return new VerifyResult.Broken(
                    early,
                    dev.gantry.store.audit.Tamper.INSERTED,
                    "record " + early + " sits at or before the retention anchor " + anchor.seq(),
                    0);
              }
            }
          }
          return check.walk(c, anchor, Long.MAX_VALUE, head);
        });
  }

  // ---- export and list --------------------------------------------------------------------

  @Override
  public long export(Instant from, Instant to, Writer out) throws IOException {
    try {
      return db.snapshot(
          "exporting the audit log",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(AuditRows.SELECT + " WHERE ts >= ? AND ts < ? ORDER BY seq")) {
              ps.setFetchSize(500);
              ps.setLong(1, AuditCodec.millis(from));
              ps.setLong(2, AuditCodec.millis(to));
              long n = 0;
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.write(Json.toString(AuditCodec.exportLine(AuditRows.read(rs))));
                  out.write('\n');
                  n++;
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return n;
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      out.flush();
    }
  }

  @Override
  public List<AuditEntry> list(AuditQuery q) {
    StringBuilder sql = new StringBuilder(AuditRows.SELECT).append(" WHERE ts >= ? AND ts < ?");
    if (!q.allTenants()) {
      sql.append(" AND tenant = ?");
    }
    if (q.beforeSeq() != null) {
      sql.append(" AND seq < ?");
    }
    sql.append(" ORDER BY seq DESC LIMIT ?");
    return db.read(
        "listing audit records",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, AuditCodec.millis(q.from()));
            ps.setLong(i++, AuditCodec.millis(q.to()));
            if (!q.allTenants()) {
              ps.setString(i++, q.tenant());
            }
            if (q.beforeSeq() != null) {
              ps.setLong(i++, q.beforeSeq());
            }
            ps.setInt(i, q.limit());
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(AuditCodec.entry(AuditRows.read(rs)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<RouteUsage> usage(String tenant, Instant from, Instant to) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT COALESCE(route, '') AS r, COUNT(*), COALESCE(SUM(prompt_tokens), 0),"
                + " COALESCE(SUM(completion_tokens), 0) FROM audit_log"
                + " WHERE kind = ? AND ts >= ? AND ts < ?");
    if (tenant != null) {
      sql.append(" AND tenant = ?");
    }
    sql.append(" GROUP BY COALESCE(route, '') ORDER BY r");
    return db.read(
        "summing usage",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, ChainFields.REQUEST);
            ps.setLong(2, AuditCodec.millis(from));
            ps.setLong(3, AuditCodec.millis(to));
            if (tenant != null) {
              ps.setString(4, tenant);
            }
            List<RouteUsage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new RouteUsage(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public Optional<String> readPayload(String tenant, long seq) {
    return db.read(
        "reading an audit payload",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT tenant, commit_salt, payload, payload_key_id FROM audit_log"
                      + " WHERE seq = ? AND kind = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, ChainFields.REQUEST);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()
                  || (tenant != null && !tenant.equals(rs.getString(1)))
                  || rs.getBytes(3) == null) {
                return Optional.empty();
              }
              byte[] plain =
                  cipher.open(new SealedPayload(rs.getString(4), rs.getBytes(3)), rs.getBytes(2));
              return Optional.of(new String(plain, StandardCharsets.UTF_8));
            }
          }
        });
  }

  // ---- retention and erasure ----------------------------------------------------------------

  @Override
  public long purge(Instant olderThan) {
    long cutoff = AuditCodec.millis(olderThan);
    long[] purged =
        db.write(
            "purging the audit log",
            c -> {
              long headSeq;
              try (PreparedStatement ps = c.prepareStatement(db.selectHeadForUpdate());
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                headSeq = rs.getLong(1);
              }
              ChainVerifier.Anchor anchor = ChainCheck.anchor(c);
              long through;
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT MIN(seq) FROM audit_log WHERE ts >= ? AND seq > ?")) {
                ps.setLong(1, cutoff);
                ps.setLong(2, anchor.seq());
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  long firstKept = rs.getLong(1);
                  through = rs.wasNull() ? headSeq : firstKept - 1;
                }
              }
              if (through <= anchor.seq()) {
                return new long[] {0, anchor.seq()};
              }
              VerifyResult part =
                  check.walk(c, anchor, through, new ChainVerifier.Head(through, null));
              if (part instanceof VerifyResult.Broken b) {
                throw new AuditChainBrokenException(b);
              }
              VerifyResult.Intact ok = (VerifyResult.Intact) part;
              long deleted;
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM audit_log WHERE seq <= ?")) {
                ps.setLong(1, through);
                deleted = ps.executeUpdate();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO audit_anchor (seq, hash, purged_at, purged_count)"
                          + " VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, through);
                ps.setString(2, ok.headHash());
                ps.setLong(3, clock.millis());
                ps.setLong(4, deleted);
                ps.executeUpdate();
              }
              return new long[] {deleted, through};
            });
    if (purged[0] > 0) {
      ObjectNode after = Json.MAPPER.createObjectNode();
      after.put("records", purged[0]);
      after.put("through_seq", purged[1]);
      after.put("older_than", olderThan.toString());
      record(
          new AdminRecord(
              clock.instant(),
              null,
              AdminRecord.SYSTEM,
              "audit.purge",
              "audit_log",
              null,
              null,
              Json.toString(after)),
          "purged " + purged[0] + " audit records");
      checkpoint();
    }
    return purged[0];
  }

  @Override
  public long eraseCustomer(String tenant, String customerId, String actorKeyId) {
    long erased =
        db.write(
            "erasing a customer",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE audit_log SET customer = NULL, commit_salt = NULL, payload = NULL,"
                          + " payload_key_id = NULL, erased_at = ?"
                          + " WHERE customer = ? AND tenant = ?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, customerId);
                ps.setString(3, tenant);
                long n = ps.executeUpdate();
                try (PreparedStatement ledger =
                    c.prepareStatement(
                        "UPDATE spend_ledger SET customer = ? WHERE customer = ? AND tenant = ?")) {
                  // Spend stays attributed (limits and reports still add up) but to a pseudonym.
                  ledger.setString(1, "erased:" + customerPseudonym(tenant, customerId));
                  ledger.setString(2, customerId);
                  ledger.setString(3, tenant);
                  ledger.executeUpdate();
                }
                return n;
              }
            });
    ObjectNode after = Json.MAPPER.createObjectNode();
    after.put("records", erased);
    record(
        new AdminRecord(
            clock.instant(),
            tenant,
            actorKeyId,
            "customer.erase",
            "customer",
            customerPseudonym(tenant, customerId),
            null,
            Json.toString(after)),
        "erased " + erased + " audit records");
    checkpoint();
    return erased;
  }

  @Override
  public String customerPseudonym(String tenant, String customerId) {
    byte[] mac = pseudonyms.hmac((tenant + "\u0000" + customerId).getBytes(StandardCharsets.UTF_8));
    return "cust_" + HexFormat.of().formatHex(mac, 0, 16);
  }

  private void record(AdminRecord admin, String done) {
    try {
      append(admin).join();
    } catch (CompletionException e) {
      throw new StoreException(done + " but could not audit it: " + e.getCause(), e.getCause());
    }
  }

  /** SQLite keeps old page images in the WAL until a checkpoint; push erased values out of it. */
  private void checkpoint() {
    if (db.dialect() == Dialect.SQLITE) {
      db.maintain("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  /**
   * Re-encrypts every stored payload not sealed with the active data key, in small transactions.
   * Payloads that cannot be opened are left as they are.
   *
   * @return payloads re-encrypted
   * @throws IllegalStateException after rotating the rest, when some payloads could not be opened
   */
  public long rotatePayloadKeys() {
    return rotation.rotate();
  }

  @Override
  public void close() {
    writer.close();
  }
}
