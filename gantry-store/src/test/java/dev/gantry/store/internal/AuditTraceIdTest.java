package dev.gantry.store.internal;

import static dev.gantry.store.audit.Records.T0;
import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.Tamper;
import dev.gantry.store.audit.VerifyResult;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditTraceIdTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String OLD_HEAD =
      "458c7de6859525ce682ff77ce2498f4e3b17969fa537a62256e79f7ae8904f89";

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_log_of_records_from_before_the_trace_column_and_traced_records_after_it_verifies(
      Backend backend) throws Exception {
    // The schema as it was before trace ids, with records written the way they were then.
    StoreConfig config = backend.configAtSchema(tmp, "7");
    String prev = ChainHash.GENESIS;
    try (Connection c = Backend.raw(config)) {
      for (int seq = 1; seq <= 3; seq++) {
        prev = insertVersionOneRow(c, seq, prev);
      }
    }
    // The head as the code before trace ids computed it (pinned), so the old rows are truly old.
    assertThat(prev).isEqualTo(OLD_HEAD);

    try (Store store = Store.open(config)) {
      assertThat(store.audit().verify()).isInstanceOf(VerifyResult.Intact.class);
      store.audit().append(request("acme", 4).withTraceId(TRACE)).join();
      store.audit().append(request("acme", 5)).join();
      store
          .audit()
          .append(request("acme", 6).withTraceId("0af7651916cd43dd8448eb211c80319c"))
          .join();

      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Intact.class);
      assertThat(v.checked()).isEqualTo(6);
      List<AuditEntry> entries =
          store
              .audit()
              .list(AuditQuery.allTenants(T0.minusSeconds(60), T0.plus(Duration.ofDays(1)), 10));
      assertThat(entries)
          .extracting(e -> ((RequestRecord) e.record()).traceId())
          .containsExactly("0af7651916cd43dd8448eb211c80319c", null, TRACE, null, null, null);

      StringWriter out = new StringWriter();
      store.audit().export(T0.minusSeconds(60), T0.plus(Duration.ofDays(1)), out);
      List<JsonNode> lines = out.toString().lines().map(l -> Json.tryParse(l.getBytes())).toList();
      assertThat(lines.get(3).path("trace_id").asText()).isEqualTo(TRACE);
      assertThat(lines.get(0).has("trace_id")).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void removing_or_changing_a_stored_trace_id_is_reported_as_an_edit(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 4; i++) {
        store.audit().append(request("acme", i).withTraceId(i == 2 ? TRACE : null)).join();
      }
    }
    for (String edit :
        List.of(
            "UPDATE audit_log SET trace_id = NULL WHERE seq = 2",
            "UPDATE audit_log SET trace_id = '00000000000000000000000000000001' WHERE seq = 2",
            "UPDATE audit_log SET trace_id = '" + TRACE + "' WHERE seq = 3")) {
      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement()) {
        String restore =
            edit.endsWith("seq = 3")
                ? "UPDATE audit_log SET trace_id = NULL WHERE seq = 3"
                : "UPDATE audit_log SET trace_id = '" + TRACE + "' WHERE seq = 2";
        st.executeUpdate(edit);
        try (Store store = Store.open(config)) {
          VerifyResult v = store.audit().verify();
          assertThat(v).as(edit).isInstanceOf(VerifyResult.Broken.class);
          VerifyResult.Broken b = (VerifyResult.Broken) v;
          assertThat(b.tamper()).as(edit).isEqualTo(Tamper.EDITED);
          assertThat(b.seq()).as(edit).isEqualTo(edit.endsWith("seq = 3") ? 3 : 2);
        }
        st.executeUpdate(restore);
        try (Store store = Store.open(config)) {
          assertThat(store.audit().verify()).as(edit).isInstanceOf(VerifyResult.Intact.class);
        }
      }
    }
  }

  @Test
  void a_trace_id_that_is_not_32_lowercase_hex_digits_is_refused() {
    assertThatThrownBy(() -> request("acme", 1).withTraceId("4BF92F3577B34DA6A3CE929D0E0E4736"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("traceId");
    assertThatThrownBy(() -> request("acme", 1).withTraceId("abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Inserts record {@code seq} as the code before trace ids did, and moves the head. */
  static String insertVersionOneRow(Connection c, int seq, String prev) throws Exception {
    // A record without a trace id has the fields (and hash) it had then.
    ChainFields f = new AuditCodec(null, null).prepare(request("acme", seq)).fields();
    assertThat(f.traceId()).isNull();
    String hash = ChainHash.hash(seq, f, prev);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (seq, kind, ts, tenant, request_id, key_id, route, deployment,"
                + " status, verdicts, prompt_tokens, completion_tokens, cost_micros, latency_ms,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, f.kind());
      ps.setLong(3, f.ts());
      ps.setString(4, f.tenant());
      ps.setString(5, f.requestId());
      ps.setString(6, f.keyId());
      ps.setString(7, f.route());
      ps.setString(8, f.deployment());
      ps.setInt(9, f.status());
      ps.setString(10, f.verdicts());
      ps.setLong(11, f.promptTokens());
      ps.setLong(12, f.completionTokens());
      if (f.costMicros() == null) {
        ps.setNull(13, java.sql.Types.BIGINT);
      } else {
        ps.setLong(13, f.costMicros());
      }
      ps.setLong(14, f.latencyMs());
      ps.setString(15, prev);
      ps.setString(16, hash);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
    return hash;
  }
}
