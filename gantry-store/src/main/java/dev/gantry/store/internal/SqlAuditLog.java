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
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.VerifyResult;
import dev.gantry.store.audit.WriterStats;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.PayloadUnreadableException;
import dev.gantry.store.crypto.SealedPayload;
import dev.gantry.store.keys.ServerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link AuditLog} over the {@code audit_*} tables. Thread-safe. */
public final class SqlAuditLog implements AuditLog, AutoCloseable {
  private static final int SALT_BYTES = 16;
  private static final int ROTATE_CHUNK = 200;

  private final Db db;
  private final PayloadCipher cipher;
  private final ServerSecret pseudonyms;
  private final Clock clock;
  private final SecureRandom random;
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
    this.pseudonyms = serverSecret.derive("audit/customer-pseudonym");
    this.clock = clock;
    this.random = random;
    this.writer = new GroupCommitWriter(db, queueCapacity, maxBatch);
  }

  // ---- append -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Long> append(AuditRecord record) {
    return writer.submit(prepare(record));
  }

  private PreparedRow prepare(AuditRecord record) {
    if (record instanceof AdminRecord a) {
      return new PreparedRow(
          new ChainFields(
              ChainFields.ADMIN,
              a.time().toEpochMilli(),
              a.tenant(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              a.actorKeyId(),
              a.action(),
              a.objectType(),
              a.objectId(),
              a.beforeJson(),
              a.afterJson()),
          null,
          null,
          null,
          null);
    }
    RequestRecord r = (RequestRecord) record;
    if (r.payload() != null && !cipher.canSeal()) {
      throw new IllegalStateException(
          "a payload can be stored only encrypted, and no data keys are configured");
    }
    byte[] salt = null;
    if (r.customer() != null || r.payload() != null) {
      salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
    }
    String customerCommit =
        r.customer() == null ? null : ChainHash.commit("customer", salt, r.customer());
    SealedPayload sealed = null;
    String payloadCommit = null;
    if (r.payload() != null) {
      sealed = cipher.seal(r.payload().getBytes(StandardCharsets.UTF_8), salt);
      payloadCommit = ChainHash.commit("payload", salt, r.payload());
    }
    return new PreparedRow(
        new ChainFields(
            ChainFields.REQUEST,
            r.time().toEpochMilli(),
            r.tenant(),
            r.requestId(),
            r.keyId(),
            customerCommit,
            r.route(),
            r.deployment(),
            r.status(),
            r.verdictsJson(),
            r.promptTokens(),
            r.completionTokens(),
            r.costMicros(),
            r.latencyMillis(),
            payloadCommit,
            null,
            null,
            null,
            null,
            null,
            null),
        r.customer(),
        salt,
        sealed == null ? null : sealed.bytes(),
        sealed == null ? null : sealed.keyId());
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
          ChainVerifier.Anchor anchor = anchor(c);
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
          return walk(c, anchor, Long.MAX_VALUE, head);
        });
  }

  private VerifyResult walk(
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

  private static ChainVerifier.Anchor anchor(Connection c) throws SQLException {
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
              ps.setLong(1, millis(from));
              ps.setLong(2, millis(to));
              long n = 0;
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.write(Json.toString(exportLine(AuditRows.read(rs))));
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

  private static ObjectNode exportLine(ChainRow r) {
    ChainFields f = r.fields();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("seq", r.seq());
    o.put("kind", f.kind());
    o.put("ts", f.ts());
    o.put("time", Instant.ofEpochMilli(f.ts()).toString());
    o.put("tenant", f.tenant());
    if (ChainFields.REQUEST.equals(f.kind())) {
      o.put("request_id", f.requestId());
      o.put("key_id", f.keyId());
      if (r.customer() != null) {
        o.put("customer", r.customer());
      }
      o.put("customer_commit", f.customerCommit());
      if (r.salt() != null) {
        o.put("commit_salt", Base64.getEncoder().encodeToString(r.salt()));
      }
      o.put("route", f.route());
      o.put("deployment", f.deployment());
      o.put("status", f.status());
      o.put("verdicts", f.verdicts());
      o.put("prompt_tokens", f.promptTokens());
      o.put("completion_tokens", f.completionTokens());
      o.put("cost_micros", f.costMicros());
      o.put("latency_ms", f.latencyMs());
      o.put("payload_commit", f.payloadCommit());
      o.put("payload_stored", r.payload() != null);
    } else {
      o.put("actor_key_id", f.actorKeyId());
      o.put("action", f.action());
      o.put("object_type", f.objectType());
      o.put("object_id", f.objectId());
      o.put("before", f.beforeJson());
      o.put("after", f.afterJson());
    }
    o.put("erased", r.erasedAt() != null);
    o.put("prev_hash", r.prevHash());
    o.put("hash", r.hash());
    return o;
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
            ps.setLong(i++, millis(q.from()));
            ps.setLong(i++, millis(q.to()));
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
                out.add(entry(AuditRows.read(rs)));
              }
            }
            return out;
          }
        });
  }

  private static AuditEntry entry(ChainRow r) {
    ChainFields f = r.fields();
    Instant time = Instant.ofEpochMilli(f.ts());
    AuditRecord record =
        ChainFields.ADMIN.equals(f.kind())
            ? new AdminRecord(
                time,
                f.tenant(),
                f.actorKeyId(),
                f.action(),
                f.objectType(),
                f.objectId(),
                f.beforeJson(),
                f.afterJson())
            : new RequestRecord(
                time,
                f.requestId(),
                f.tenant(),
                f.keyId(),
                r.customer(),
                f.route(),
                f.deployment(),
                f.status() == null ? 0 : f.status(),
                f.verdicts(),
                f.promptTokens() == null ? 0 : f.promptTokens(),
                f.completionTokens() == null ? 0 : f.completionTokens(),
                f.costMicros(),
                f.latencyMs() == null ? 0 : f.latencyMs(),
                null);
    return new AuditEntry(
        r.seq(), record, r.payload() != null, r.erasedAt() != null, r.prevHash(), r.hash());
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
    long cutoff = millis(olderThan);
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
              ChainVerifier.Anchor anchor = anchor(c);
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
              VerifyResult part = walk(c, anchor, through, new ChainVerifier.Head(through, null));
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
                return (long) ps.executeUpdate();
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

  // ---- data key rotation --------------------------------------------------------------------

  /**
   * Re-encrypts every stored payload not sealed with the active data key, in transactions of
   * {@value #ROTATE_CHUNK}. Payloads that cannot be opened are left as they are.
   *
   * @return payloads re-encrypted
   * @throws IllegalStateException after rotating the rest, when some payloads could not be opened
   */
  public long rotatePayloadKeys() {
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

  /** Epoch milliseconds, saturating for {@link Instant#MIN} and {@link Instant#MAX}. */
  private static long millis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  @Override
  public void close() {
    writer.close();
  }
}
