package dev.gantry.store.internal;

import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Dialect;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.Tamper;
import dev.gantry.store.audit.VerifyResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit chain's hash column carries no index (an index on a random hash costs a random page per
 * appended record in every commit): a log written under the schema that had one keeps its records
 * and its chain through the migration, and a copied record is still caught by verify.
 */
class AuditHashIndexTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void records_written_before_the_migration_keep_their_chain_and_the_hash_is_not_indexed(
      Backend backend) throws Exception {
    StoreConfig config = backend.configAtSchema(tmp, "10");
    String prev = ChainHash.GENESIS;
    try (Connection c = Backend.raw(config)) {
      assertThat(indexedColumns(c, config.dialect())).contains("hash");
      for (int seq = 1; seq <= 3; seq++) {
        prev = AuditTraceIdTest.insertVersionOneRow(c, seq, prev);
      }
    }
    try (Store store = Store.open(config)) {
      store.audit().append(request("acme", 4)).join();
    }
    try (Connection c = Backend.raw(config)) {
      assertThat(indexedColumns(c, config.dialect())).doesNotContain("hash");
      assertThat(count(c)).isEqualTo(4);
    }
    try (Store store = Store.open(config)) {
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Intact.class);
      assertThat(v.checked()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_record_copied_to_the_end_under_the_same_hash_is_reported(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      for (int i = 1; i <= 5; i++) {
        store.audit().append(request("acme", i)).join();
      }
    }
    try (Connection c = Backend.raw(config);
        Statement st = c.createStatement()) {
      // Without a unique index the database accepts a second row with record 3's hash.
      st.executeUpdate(
          "INSERT INTO audit_log (seq, kind, ts, tenant, request_id, key_id, route, deployment,"
              + " status, verdicts, prompt_tokens, completion_tokens, cost_micros, latency_ms,"
              + " prev_hash, hash) SELECT 6, kind, ts, tenant, request_id, key_id, route,"
              + " deployment, status, verdicts, prompt_tokens, completion_tokens, cost_micros,"
              + " latency_ms, prev_hash, hash FROM audit_log WHERE seq = 3");
      st.executeUpdate("UPDATE audit_head SET seq = 6");
    }
    try (Store store = Store.open(config)) {
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Broken.class);
      VerifyResult.Broken b = (VerifyResult.Broken) v;
      assertThat(b.seq()).as(b.toString()).isEqualTo(6);
      assertThat(b.tamper()).as(b.toString()).isIn(Tamper.INSERTED, Tamper.REORDERED);
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every column some index of audit_log covers. */
  private static List<String> indexedColumns(Connection c, Dialect dialect) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.SQLITE) {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("PRAGMA index_list('audit_log')")) {
          while (rs.next()) {
            indexes.add(rs.getString("name"));
          }
        }
        for (String index : indexes) {
          try (ResultSet rs = st.executeQuery("PRAGMA index_info('" + index + "')")) {
            while (rs.next()) {
              columns.add(rs.getString("name"));
            }
          }
        }
      } else {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                    + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'audit_log'::regclass")) {
          while (rs.next()) {
            columns.add(rs.getString(1));
          }
        }
      }
    }
    return columns;
  }
}
