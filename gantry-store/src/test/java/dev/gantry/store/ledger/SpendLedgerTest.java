package dev.gantry.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.Records;
import dev.gantry.store.audit.RequestRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpendLedgerTest {
  static final Instant DAY1 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant DAY2 = Instant.parse("2025-03-02T10:00:00Z");
  static final Instant APRIL = Instant.parse("2025-04-01T10:00:00Z");

  @TempDir Path tmp;

  static SpendEntry entry(
      String id,
      Instant at,
      String tenant,
      String customer,
      String model,
      long cost,
      String... tags) {
    return new SpendEntry(
        at,
        LocalDate.ofInstant(at, java.time.ZoneOffset.UTC),
        id,
        tenant,
        "key_" + tenant,
        customer,
        "chat",
        "openai",
        model,
        model.contains("mini") ? "small" : "large",
        List.of(tags),
        200,
        1000,
        200,
        0,
        100,
        0,
        cost,
        "exact",
        false,
        false,
        1,
        0);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void sums_spend_per_scope_within_a_window(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      SpendLedger ledger = store.ledger();
      CompletableFuture.allOf(
              ledger.append(entry("r1", DAY1, "acme", "bob", "gpt-4o-mini", 100, "team:a")),
              ledger.append(entry("r2", DAY1, "acme", "bob", "gpt-4o", 2_000, "team:a", "x")),
              ledger.append(entry("r3", DAY1, "acme", "eve", "gpt-4o", 30_000)),
              ledger.append(entry("r4", DAY2, "acme", "bob", "gpt-4o", 400_000, "team:ab")),
              ledger.append(entry("r5", DAY1, "other", "bob", "gpt-4o", 5_000_000, "team:a")))
          .join();
      Instant from = Instant.parse("2025-03-01T00:00:00Z");
      Instant to = Instant.parse("2025-03-02T00:00:00Z");
      assertThat(ledger.spent(new SpendQuery(Dimension.CUSTOMER, "acme", "bob", from, to)))
          .isEqualTo(2_100);
      assertThat(ledger.spent(new SpendQuery(Dimension.TENANT, null, "acme", from, to)))
          .isEqualTo(32_100);
      assertThat(ledger.spent(new SpendQuery(Dimension.KEY, null, "key_acme", from, APRIL)))
          .isEqualTo(432_100);
      // team:a matches whole tags only, not team:ab, and only in its tenant
      assertThat(ledger.spent(new SpendQuery(Dimension.TAG, "acme", "team:a", from, APRIL)))
          .isEqualTo(2_100);
      assertThat(ledger.spent(new SpendQuery(Dimension.TAG, "acme", "%", from, APRIL))).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void groups_usage_by_any_dimensions(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      SpendLedger ledger = store.ledger();
      CompletableFuture.allOf(
              ledger.append(entry("r1", DAY1, "acme", "bob", "gpt-4o-mini", 100, "a")),
              ledger.append(entry("r2", DAY1, "acme", "bob", "gpt-4o", 2_000, "a", "b")),
              ledger.append(entry("r3", DAY2, "acme", "eve", "gpt-4o", 30_000)),
              ledger.append(entry("r4", APRIL, "acme", "bob", "gpt-4o", 400_000)))
          .join();
      LocalDate from = LocalDate.of(2025, 3, 1);
      LocalDate to = LocalDate.of(2025, 5, 1);
      List<UsageRow> byCustomerModel =
          ledger.usage(
              new UsageQuery(List.of(Dimension.CUSTOMER, Dimension.MODEL), "acme", null, from, to));
      assertThat(byCustomerModel)
          .extracting(r -> r.group().get(Dimension.CUSTOMER) + "/" + r.group().get(Dimension.MODEL))
          .containsExactly("bob/gpt-4o", "bob/gpt-4o-mini", "eve/gpt-4o");
      assertThat(byCustomerModel.get(0).costMicros()).isEqualTo(402_000);
      assertThat(byCustomerModel.get(0).requests()).isEqualTo(2);
      assertThat(byCustomerModel.get(0).cachedTokens()).isEqualTo(400);

      assertThat(
              ledger.usage(new UsageQuery(List.of(Dimension.MONTH), null, null, from, to)).stream()
                  .map(r -> Map.entry(r.group().get(Dimension.MONTH), r.costMicros())))
          .containsExactly(Map.entry("2025-03", 32_100L), Map.entry("2025-04", 400_000L));

      List<UsageRow> byTag =
          ledger.usage(new UsageQuery(List.of(Dimension.TAG), "acme", null, from, to));
      assertThat(byTag)
          .extracting(r -> r.group().get(Dimension.TAG) + "=" + r.costMicros())
          .containsExactly("null=430000", "a=2100", "b=2000");

      List<UsageRow> total =
          ledger.usage(new UsageQuery(List.of(), "acme", "bob", from, LocalDate.of(2025, 4, 1)));
      assertThat(total).singleElement().satisfies(r -> assertThat(r.costMicros()).isEqualTo(2100));
      assertThat(
              ledger.usage(
                  new UsageQuery(List.of(), "nobody", null, from, LocalDate.of(2025, 4, 1))))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_ledger_row_written_with_its_audit_record_commits_with_it(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = Store.open(config)) {
      List<CompletableFuture<Long>> futures =
          IntStream.range(1, 41)
              .mapToObj(
                  i -> {
                    RequestRecord r = Records.request("acme", i);
                    return i % 2 == 0
                        ? store.audit().append(r, entry(r.requestId(), DAY1, "acme", null, "m", i))
                        : store.ledger().append(entry("alone-" + i, DAY1, "acme", null, "m", i));
                  })
              .toList();
      futures.forEach(CompletableFuture::join);
      List<AuditEntry> audit = store.audit().list(AuditQuery.allTenants(Instant.EPOCH, APRIL, 100));
      assertThat(audit).hasSize(20);
      assertThat(audit.get(0).seq()).isEqualTo(20);
      try (Connection raw = Backend.raw(config);
          Statement st = raw.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(cost_micros) FROM spend_ledger")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(40);
        assertThat(rs.getLong(2)).isEqualTo(820);
      }
      assertThat(store.audit().verify().checked()).isEqualTo(20);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void erasing_a_customer_keeps_their_spend_under_a_pseudonym(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      store.ledger().append(entry("r1", DAY1, "acme", "bob", "m", 700)).join();
      store.audit().eraseCustomer("acme", "bob", "key_admin");
      Instant from = Instant.parse("2025-03-01T00:00:00Z");
      assertThat(
              store.ledger().spent(new SpendQuery(Dimension.CUSTOMER, "acme", "bob", from, APRIL)))
          .isZero();
      assertThat(store.ledger().spent(new SpendQuery(Dimension.TENANT, null, "acme", from, APRIL)))
          .isEqualTo(700);
      String pseudonym = "erased:" + store.audit().customerPseudonym("acme", "bob");
      assertThat(
              store
                  .ledger()
                  .spent(new SpendQuery(Dimension.CUSTOMER, "acme", pseudonym, from, APRIL)))
          .isEqualTo(700);
    }
  }
}
