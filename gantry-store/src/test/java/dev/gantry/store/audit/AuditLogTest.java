package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.T0;
import static dev.gantry.store.audit.Records.admin;
import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.crypto.DataKeys;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {
  private static final Instant END = T0.plus(Duration.ofDays(1));

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void appended_records_form_a_chain_that_verifies(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      AuditLog log = store.audit();
      assertThat(log.verify()).isEqualTo(new VerifyResult.Intact(0, 0, 0, "0".repeat(64)));
      for (int i = 1; i <= 10; i++) {
        AuditRecord r = i % 4 == 0 ? admin("acme", i) : request("acme", i);
        assertThat(log.append(r).join()).isEqualTo(i);
      }
      VerifyResult v = log.verify();
      assertThat(v).isInstanceOf(VerifyResult.Intact.class);
      assertThat(((VerifyResult.Intact) v).headSeq()).isEqualTo(10);
      assertThat(v.checked()).isEqualTo(10);

      List<AuditEntry> entries = log.list(AuditQuery.allTenants(T0, END, 100));
      assertThat(entries).extracting(AuditEntry::seq).startsWith(10L, 9L).endsWith(1L);
      for (int i = 0; i + 1 < entries.size(); i++) {
        assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i + 1).hash());
      }
      assertThat(entries.get(entries.size() - 1).record()).isEqualTo(request("acme", 1));
      assertThat(entries.get(6).record()).isEqualTo(admin("acme", 4));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_record_is_visible_to_another_connection_as_soon_as_its_future_completes(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config);
        Connection raw = Backend.raw(config);
        PreparedStatement count = raw.prepareStatement("SELECT COUNT(*) FROM audit_log")) {
      for (int i = 1; i <= 30; i++) {
        store.audit().append(request("acme", i)).join();
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(i);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void closing_commits_every_record_already_queued(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 500; i++) {
        futures.add(store.audit().append(request("acme", i)));
      }
    }
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    try (Store store = Store.open(config)) {
      assertThat(store.audit().verify()).isEqualTo(intact(500, store));
      assertThatThrownBy(() -> closedLog(config).append(request("acme", 1)).join())
          .hasCauseInstanceOf(AuditRejectedException.class)
          .hasMessageContaining("closed");
    }
  }

  private static AuditLog closedLog(StoreConfig config) {
    Store s = Store.open(config);
    s.close();
    return s.audit();
  }

  private static VerifyResult intact(long n, Store store) {
    VerifyResult v = store.audit().verify();
    assertThat(v).isInstanceOf(VerifyResult.Intact.class);
    assertThat(((VerifyResult.Intact) v).headSeq()).isEqualTo(n);
    return v;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_full_queue_refuses_appends_with_a_clear_exception(Backend backend) throws Exception {
    StoreConfig config = backend.freshConfig(tmp).withAuditQueue(2, 1);
    try (Store store = Store.open(config);
        Connection blocker = Backend.raw(config)) {
      // Hold the chain's head so the writer cannot commit while the queue fills.
      blocker.setAutoCommit(false);
      try (Statement st = blocker.createStatement()) {
        st.executeQuery(
                config.dialect() == dev.gantry.store.Dialect.POSTGRESQL
                    ? "SELECT seq FROM audit_head FOR UPDATE"
                    : "SELECT seq FROM audit_head")
            .close();
        if (config.dialect() == dev.gantry.store.Dialect.SQLITE) {
          st.executeUpdate("UPDATE audit_head SET seq = seq WHERE id = 1");
        }
      }
      // One record in the writer's hands, two in the queue: at least one of four is refused.
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        futures.add(store.audit().append(request("acme", i)));
      }
      List<CompletableFuture<Long>> refused =
          futures.stream().filter(CompletableFuture::isCompletedExceptionally).toList();
      assertThat(refused).isNotEmpty();
      for (CompletableFuture<Long> f : refused) {
        assertThatThrownBy(f::join)
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOf(AuditRejectedException.class)
            .hasMessageContaining("queue is full")
            .extracting(e -> ((AuditRejectedException) e).reason())
            .isEqualTo(AuditRejectedException.Reason.QUEUE_FULL);
      }
      blocker.rollback();
      for (CompletableFuture<Long> f : futures) {
        if (!refused.contains(f)) {
          assertThat(f.join()).isPositive();
        }
      }
      assertThat(store.audit().stats().rejected()).isEqualTo(refused.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_tenant_sees_only_its_own_records(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      AuditLog log = store.audit();
      for (int i = 1; i <= 6; i++) {
        log.append(request(i % 2 == 0 ? "acme" : "globex", i)).join();
      }
      log.append(admin("acme", 7)).join();
      List<AuditEntry> acme = log.list(AuditQuery.forTenant("acme", T0, END, 100));
      assertThat(acme).extracting(AuditEntry::seq).containsExactly(7L, 6L, 4L, 2L);
      assertThat(acme).allMatch(e -> e.record().tenant().equals("acme"));
      assertThat(log.list(AuditQuery.forTenant("initech", T0, END, 100))).isEmpty();

      List<AuditEntry> page = log.list(AuditQuery.forTenant("acme", T0, END, 2));
      assertThat(page).extracting(AuditEntry::seq).containsExactly(7L, 6L);
      assertThat(log.list(AuditQuery.forTenant("acme", T0, END, 2).before(6)))
          .extracting(AuditEntry::seq)
          .containsExactly(4L, 2L);
      assertThat(log.list(AuditQuery.forTenant("acme", T0.plusSeconds(3), T0.plusSeconds(6), 10)))
          .extracting(AuditEntry::seq)
          .containsExactly(4L);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void payloads_are_stored_encrypted_and_read_back_only_by_their_tenant(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    String payload = "{\"prompt\":\"my card is 4111 1111 1111 1111\",\"answer\":\"noted\"}";
    try (Store store = Store.open(config)) {
      long seq = store.audit().append(request("acme", 1, "cust-9", payload)).join();
      store.audit().append(request("acme", 2)).join();
      assertThat(store.audit().readPayload("acme", seq)).contains(payload);
      assertThat(store.audit().readPayload(null, seq)).contains(payload);
      assertThat(store.audit().readPayload("globex", seq)).isEmpty();
      assertThat(store.audit().readPayload("acme", seq + 1)).isEmpty();
      AuditEntry e = store.audit().list(AuditQuery.forTenant("acme", T0, END, 10)).get(1);
      assertThat(e.hasPayload()).isTrue();
      assertThat(((RequestRecord) e.record()).payload()).isNull();
      assertThat(((RequestRecord) e.record()).customer()).isEqualTo("cust-9");

      try (Connection c = Backend.raw(config);
          PreparedStatement ps =
              c.prepareStatement("SELECT payload, payload_key_id FROM audit_log WHERE seq = ?")) {
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
              .doesNotContain("4111");
          assertThat(rs.getString(2)).isEqualTo("k1");
        }
      }
      assertThat(store.audit().verify()).isInstanceOf(VerifyResult.Intact.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_payload_is_refused_when_no_data_keys_are_configured(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp).withDataKeys(DataKeys.none()))) {
      assertThatThrownBy(() -> store.audit().append(request("acme", 1, null, "secret")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("data keys");
      assertThat(store.audit().append(request("acme", 1)).join()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void export_writes_one_json_line_per_record_in_chain_order(Backend backend) throws Exception {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      for (int i = 1; i <= 5; i++) {
        store.audit().append(i == 3 ? admin("acme", i) : request("acme", i, "c" + i, "p")).join();
      }
      StringWriter out = new StringWriter();
      long n = store.audit().export(T0.plusSeconds(2), T0.plusSeconds(5), out);
      assertThat(n).isEqualTo(3);
      String[] lines = out.toString().split("\n");
      assertThat(lines).hasSize(3);
      JsonNode first = Json.MAPPER.readTree(lines[0]);
      JsonNode second = Json.MAPPER.readTree(lines[1]);
      assertThat(first.get("seq").asLong()).isEqualTo(2);
      assertThat(first.get("customer").asText()).isEqualTo("c2");
      assertThat(first.get("payload_stored").asBoolean()).isTrue();
      assertThat(first.has("payload")).isFalse();
      assertThat(first.get("cost_micros").asLong()).isEqualTo(1236);
      assertThat(second.get("action").asText()).isEqualTo("key.create");
      assertThat(second.get("prev_hash").asText()).isEqualTo(first.get("hash").asText());
    }
  }
}
