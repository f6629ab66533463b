package dev.gantry.store.crypto;

import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.VerifyResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataKeyRotationTest {
  @TempDir Path tmp;

  private static DataKeys k2ThenK1() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put("k2", Backend.KEY_2);
    keys.put("k1", Backend.KEY_1);
    return DataKeys.of("k2", keys);
  }

  private static List<String> keyIds(StoreConfig config) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = Backend.raw(config);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT payload_key_id FROM audit_log WHERE payload IS NOT NULL ORDER BY seq")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rotation_re_encrypts_every_payload_with_the_active_key(Backend backend) throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    List<Long> seqs = new ArrayList<>();
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 450; i++) {
        seqs.add(
            store.audit().append(request("acme", i, null, i % 5 == 0 ? null : "p" + i)).join());
      }
    }
    assertThat(keyIds(config)).hasSize(360).containsOnly("k1");

    try (Store store = Store.open(config.withDataKeys(k2ThenK1()))) {
      store.audit().append(request("acme", 451, null, "new")).join();
      assertThat(store.dataKeyRotate()).isEqualTo(360);
      assertThat(store.dataKeyRotate()).isZero();
      assertThat(store.audit().verify()).isInstanceOf(VerifyResult.Intact.class);
    }
    assertThat(keyIds(config)).hasSize(361).containsOnly("k2");

    DataKeys onlyK2 = DataKeys.of("k2", Map.of("k2", Backend.KEY_2));
    try (Store store = Store.open(config.withDataKeys(onlyK2))) {
      assertThat(store.audit().readPayload("acme", seqs.get(0))).contains("p1");
      assertThat(store.audit().readPayload("acme", 451)).contains("new");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rotation_reports_payloads_whose_key_is_gone_and_rotates_the_rest(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      store.audit().append(request("acme", 1, null, "under k1")).join();
    }
    Map<String, byte[]> k3 = Map.of("k3", new byte[32]);
    try (Store store = Store.open(config.withDataKeys(DataKeys.of("k3", k3)))) {
      store.audit().append(request("acme", 2, null, "under k3")).join();
    }
    Map<String, byte[]> k2k3 = new LinkedHashMap<>();
    k2k3.put("k2", Backend.KEY_2);
    k2k3.put("k3", new byte[32]);
    try (Store store = Store.open(config.withDataKeys(DataKeys.of("k2", k2k3)))) {
      assertThatThrownBy(store::dataKeyRotate)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("re-encrypted 1 payloads")
          .hasMessageContaining("[k1]");
      assertThat(store.audit().readPayload("acme", 2)).contains("under k3");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_store_with_the_wrong_key_under_the_right_id_cannot_read_payloads(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      store.audit().append(request("acme", 1, null, "secret")).join();
    }
    try (Store store =
        Store.open(config.withDataKeys(DataKeys.of("k1", Map.of("k1", Backend.KEY_2))))) {
      assertThatThrownBy(() -> store.audit().readPayload("acme", 1))
          .isInstanceOf(PayloadUnreadableException.class);
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Broken.class);
      assertThat(((VerifyResult.Broken) v).detail()).contains("does not decrypt");
    }
  }
}
