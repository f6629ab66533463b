package dev.gantry.store.internal;

import static dev.gantry.store.audit.Records.admin;
import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.Tamper;
import dev.gantry.store.audit.VerifyResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tampering with the audit table through raw SQL, as someone with write access to the database
 * would, and checking that verification names the first bad record and what happened to it.
 */
class TamperDetectionTest {
  private static final int N = 10;

  @TempDir Path tmp;

  /** Ten records: requests (3 and 6 with a customer and a payload) and two admin records. */
  private StoreConfig seeded(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= N; i++) {
        store
            .audit()
            .append(
                i % 4 == 0
                    ? admin("acme", i)
                    : i % 3 == 0
                        ? request("acme", i, "cust-" + i, "payload " + i)
                        : request("acme", i))
            .join();
      }
      assertThat(store.audit().verify()).isInstanceOf(VerifyResult.Intact.class);
    }
    return config;
  }

  private static VerifyResult.Broken brokenAfter(StoreConfig config, String... sql)
      throws SQLException {
    try (Connection c = Backend.raw(config);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.executeUpdate(s);
      }
    }
    return verify(config);
  }

  private static VerifyResult.Broken verify(StoreConfig config) {
    try (Store store = Store.open(config)) {
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Broken.class);
      return (VerifyResult.Broken) v;
    }
  }

  private static void assertBroken(VerifyResult.Broken b, long seq, Tamper tamper) {
    assertThat(b.tamper()).as(b.toString()).isEqualTo(tamper);
    assertThat(b.seq()).as(b.toString()).isEqualTo(seq);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void an_edited_field_is_reported_as_edited(Backend backend) throws Exception {
    VerifyResult.Broken b =
        brokenAfter(seeded(backend), "UPDATE audit_log SET status = 500 WHERE seq = 4");
    assertBroken(b, 4, Tamper.EDITED);
    assertThat(b.detail()).contains("hash");
    assertThat(b.checked()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void an_edit_with_a_recomputed_hash_is_reported_at_the_edited_record(Backend backend)
      throws Exception {
    StoreConfig config = seeded(backend);
    try (Connection c = Backend.raw(config)) {
      ChainRow row = row(c, 5);
      ChainFields f = row.fields();
      ChainFields forged =
          new ChainFields(
              f.kind(),
              f.ts(),
              f.tenant(),
              f.requestId(),
              f.keyId(),
              f.customerCommit(),
              "another-route",
              f.deployment(),
              f.status(),
              f.verdicts(),
              f.promptTokens(),
              f.completionTokens(),
              f.costMicros(),
              f.latencyMs(),
              f.payloadCommit(),
              f.actorKeyId(),
              f.action(),
              f.objectType(),
              f.objectId(),
              f.beforeJson(),
              f.afterJson());
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE audit_log SET route = ?, hash = ? WHERE seq = 5")) {
        ps.setString(1, "another-route");
        ps.setString(2, ChainHash.hash(5, forged, row.prevHash()));
        ps.executeUpdate();
      }
    }
    assertBroken(verify(config), 5, Tamper.EDITED);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_changed_customer_or_swapped_payload_is_reported_as_edited(Backend backend)
      throws Exception {
    StoreConfig config = seeded(backend);
    assertBroken(
        brokenAfter(config, "UPDATE audit_log SET customer = 'someone-else' WHERE seq = 6"),
        6,
        Tamper.EDITED);
    StoreConfig other = seeded(Backend.values()[(backend.ordinal() + 1) % 2]);
    try (Connection c = Backend.raw(other);
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE audit_log SET payload = (SELECT payload FROM audit_log WHERE seq = 9)"
                    + " WHERE seq = 3")) {
      ps.executeUpdate();
    }
    VerifyResult.Broken b = verify(other);
    assertBroken(b, 3, Tamper.EDITED);
    assertThat(b.detail()).contains("payload");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_customer_removed_without_an_erasure_is_reported(Backend backend) throws Exception {
    VerifyResult.Broken b =
        brokenAfter(seeded(backend), "UPDATE audit_log SET customer = NULL WHERE seq = 3");
    assertBroken(b, 3, Tamper.EDITED);
    assertThat(b.detail()).contains("without an erasure");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void deleted_records_are_reported_as_deleted_wherever_they_were(Backend backend)
      throws Exception {
    assertBroken(
        brokenAfter(seeded(backend), "DELETE FROM audit_log WHERE seq = 5"), 5, Tamper.DELETED);
    assertBroken(
        brokenAfter(seeded(backend), "DELETE FROM audit_log WHERE seq IN (1, 2)"),
        1,
        Tamper.DELETED);
    assertBroken(
        brokenAfter(seeded(backend), "DELETE FROM audit_log WHERE seq >= 9"), 9, Tamper.DELETED);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_deletion_hidden_by_renumbering_is_reported_as_deleted(Backend backend) throws Exception {
    VerifyResult.Broken b =
        brokenAfter(
            seeded(backend),
            "DELETE FROM audit_log WHERE seq = 5",
            "UPDATE audit_log SET seq = seq + 1000 WHERE seq > 5",
            "UPDATE audit_log SET seq = seq - 1001 WHERE seq > 1000",
            "UPDATE audit_head SET seq = seq - 1");
    assertBroken(b, 5, Tamper.DELETED);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_record_inserted_in_the_middle_is_reported_as_inserted(Backend backend) throws Exception {
    for (boolean validHash : new boolean[] {false, true}) {
      StoreConfig config = seeded(backend);
      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 5");
        st.executeUpdate("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000");
        st.executeUpdate("UPDATE audit_head SET seq = seq + 1");
        insertForged(c, 5, row(c, 4).hash(), validHash);
      }
      assertBroken(verify(config), 5, Tamper.INSERTED);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_valid_looking_record_added_after_the_head_is_reported_as_inserted(Backend backend)
      throws Exception {
    StoreConfig config = seeded(backend);
    try (Connection c = Backend.raw(config)) {
      insertForged(c, N + 1, row(c, N).hash(), true);
    }
    assertBroken(verify(config), N + 1, Tamper.INSERTED);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void swapped_records_are_reported_as_reordered(Backend backend) throws Exception {
    VerifyResult.Broken b =
        brokenAfter(
            seeded(backend),
            "UPDATE audit_log SET seq = -1 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = -1");
    assertBroken(b, 3, Tamper.REORDERED);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_record_moved_to_the_end_is_reported_as_reordered(Backend backend) throws Exception {
    VerifyResult.Broken b =
        brokenAfter(
            seeded(backend),
            "UPDATE audit_log SET seq = 11 WHERE seq = 5",
            "UPDATE audit_head SET seq = 11");
    assertBroken(b, 5, Tamper.REORDERED);
  }

  private static ChainRow row(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AuditRows.SELECT + " WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return AuditRows.read(rs);
      }
    }
  }

  /** Inserts a made-up request record at {@code seq} that claims {@code prevHash}. */
  private static void insertForged(Connection c, long seq, String prevHash, boolean validHash)
      throws SQLException {
    ChainFields f =
        new ChainFields(
            ChainFields.REQUEST,
            1_740_823_205_000L,
            "acme",
            "forged",
            "key_acme",
            null,
            "support",
            "gpt-4o-mini@openai",
            200,
            "[]",
            1L,
            1L,
            1L,
            1L,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    String hash = validHash ? ChainHash.hash(seq, f, prevHash) : "f".repeat(64);
    try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
      AuditRows.bind(ps, seq, new PreparedRow(f, null, null, null, null), prevHash, hash);
      ps.executeUpdate();
    }
  }
}
