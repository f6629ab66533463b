package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.T0;
import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionAndErasureTest {
  private static final Instant END = T0.plus(Duration.ofDays(1));

  @TempDir Path tmp;

  private static VerifyResult.Intact intact(Store store) {
    VerifyResult v = store.audit().verify();
    assertThat(v).isInstanceOf(VerifyResult.Intact.class);
    return (VerifyResult.Intact) v;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void purging_old_records_keeps_the_rest_of_the_chain_verifiable(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      AuditLog log = store.audit();
      for (int i = 1; i <= 10; i++) {
        log.append(request("acme", i)).join();
      }
      assertThat(log.purge(T0.plusSeconds(6))).isEqualTo(5);
      VerifyResult.Intact v = intact(store);
      assertThat(v.anchorSeq()).isEqualTo(5);
      assertThat(v.headSeq()).isEqualTo(11);
      assertThat(v.checked()).isEqualTo(6);

      AuditEntry purge = log.list(AuditQuery.allTenants(T0, Instant.MAX, 1)).get(0);
      assertThat(((AdminRecord) purge.record()).action()).isEqualTo("audit.purge");
      assertThat(((AdminRecord) purge.record()).afterJson()).contains("\"records\":5");
      assertThat(log.list(AuditQuery.forTenant("acme", T0, END, 100)))
          .extracting(AuditEntry::seq)
          .containsExactly(10L, 9L, 8L, 7L, 6L);

      assertThat(log.purge(T0.plusSeconds(6))).isZero();
      log.append(request("acme", 11)).join();
      assertThat(log.purge(T0.plusSeconds(8))).isEqualTo(2);
      assertThat(intact(store).anchorSeq()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void purge_stops_at_the_first_record_that_is_not_old_enough(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      for (int second : new int[] {1, 2, 8, 3, 4}) {
        store.audit().append(request("acme", second)).join();
      }
      assertThat(store.audit().purge(T0.plusSeconds(5))).isEqualTo(2);
      assertThat(intact(store).anchorSeq()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void purge_refuses_to_delete_a_tampered_part_of_the_chain(Backend backend) throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 10; i++) {
        store.audit().append(request("acme", i)).join();
      }
      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE audit_log SET status = 204 WHERE seq = 3");
      }
      assertThatThrownBy(() -> store.audit().purge(T0.plusSeconds(6)))
          .isInstanceOf(AuditChainBrokenException.class)
          .hasMessageContaining("seq 3")
          .hasMessageContaining("EDITED");
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Broken.class);
      assertThat(((VerifyResult.Broken) v).seq()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void deleting_the_first_record_after_the_anchor_is_detected(Backend backend) throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 10; i++) {
        store.audit().append(request("acme", i)).join();
      }
      store.audit().purge(T0.plusSeconds(4));
      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM audit_log WHERE seq = 4");
      }
      VerifyResult v = store.audit().verify();
      assertThat(v).isEqualTo(new VerifyResult.Broken(4, Tamper.DELETED, "record 4 is missing", 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void erasing_a_customer_removes_their_data_and_the_chain_still_verifies(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    String alice = "alice@acme.example";
    try (Store store = Store.open(config)) {
      AuditLog log = store.audit();
      List<Long> aliceSeqs = new ArrayList<>();
      aliceSeqs.add(log.append(request("acme", 1, alice, "alice asks about her loan")).join());
      log.append(request("acme", 2, "bob", "bob asks")).join();
      aliceSeqs.add(log.append(request("acme", 3, alice, null)).join());
      long otherTenant = log.append(request("globex", 4, alice, "a different alice")).join();
      aliceSeqs.add(log.append(request("acme", 5, alice, "alice again")).join());

      assertThat(log.eraseCustomer("acme", alice, "key_admin")).isEqualTo(3);

      VerifyResult.Intact v = intact(store);
      assertThat(v.headSeq()).isEqualTo(6);
      for (long seq : aliceSeqs) {
        assertThat(log.readPayload("acme", seq)).isEmpty();
      }
      assertThat(log.readPayload("globex", otherTenant)).contains("a different alice");
      List<AuditEntry> acme = log.list(AuditQuery.forTenant("acme", T0, Instant.MAX, 100));
      AuditEntry erasure = acme.get(0);
      AdminRecord admin = (AdminRecord) erasure.record();
      assertThat(admin.action()).isEqualTo("customer.erase");
      assertThat(admin.actorKeyId()).isEqualTo("key_admin");
      assertThat(admin.objectId()).isEqualTo(log.customerPseudonym("acme", alice));
      assertThat(admin.objectId()).isNotEqualTo(log.customerPseudonym("globex", alice));
      assertThat(admin.toString()).doesNotContain("alice");
      assertThat(acme.stream().filter(e -> aliceSeqs.contains(e.seq())))
          .allMatch(AuditEntry::erased)
          .allMatch(e -> ((RequestRecord) e.record()).customer() == null)
          .noneMatch(AuditEntry::hasPayload);

      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM audit_log WHERE tenant = 'acme'")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            String text =
                value instanceof byte[] b
                    ? new String(b, StandardCharsets.ISO_8859_1)
                    : String.valueOf(value);
            assertThat(text).doesNotContain("alice");
          }
        }
        assertThat(rows).isEqualTo(5);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void erased_customer_ids_are_overwritten_in_the_sqlite_files_not_just_unlinked()
      throws Exception {
    StoreConfig config = Backend.SQLITE.freshConfig(tmp);
    String zed = "zed@unique.example";
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 20; i++) {
        store.audit().append(request("acme", i, i % 2 == 0 ? zed : "other", "p")).join();
      }
      assertThat(filesContain(config, zed)).isTrue();
      store.audit().eraseCustomer("acme", zed, "key_admin");
      assertThat(filesContain(config, zed)).isFalse();
    }
  }

  private static boolean filesContain(StoreConfig config, String text) throws Exception {
    try (Stream<Path> files = Files.list(config.dataDir())) {
      for (Path f : files.toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void erasure_and_purge_together_keep_the_chain_verifiable(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      for (int i = 1; i <= 8; i++) {
        store.audit().append(request("acme", i, "c" + (i % 2), "p" + i)).join();
      }
      assertThat(store.audit().eraseCustomer("acme", "c1", "key_admin")).isEqualTo(4);
      assertThat(store.audit().purge(T0.plusSeconds(4))).isEqualTo(3);
      assertThat(intact(store).checked()).isEqualTo(7);
      assertThat(store.audit().eraseCustomer("acme", "nobody", "key_admin")).isZero();
      assertThat(intact(store).checked()).isEqualTo(8);
    }
  }
}
