package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Usage is summed by the database over every record, however many there are. */
class UsageTest {
  @TempDir Path tmp;

  static RequestRecord request(String tenant, String route, int i, long prompt, long completion) {
    return new RequestRecord(
        T0.plusMillis(i),
        "req-" + i,
        tenant,
        "key_" + tenant,
        null,
        route,
        null,
        200,
        "[]",
        prompt,
        completion,
        null,
        1,
        null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void usage_counts_every_record_per_route_and_tenant_beyond_any_listing_limit(Backend backend) {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      AuditLog log = store.audit();
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      int n = 12_000;
      for (int i = 0; i < n; i++) {
        String tenant = i % 3 == 0 ? "beta" : "acme";
        String route = i % 2 == 0 ? "chat" : null;
        pending.add(log.append(request(tenant, route, i, 10, 1)));
        if (pending.size() == 2_000) {
          pending.forEach(CompletableFuture::join);
          pending.clear();
        }
      }
      pending.add(
          log.append(
              new AdminRecord(T0, "acme", "key_admin", "key.create", "key", "k", null, null)));
      pending.forEach(CompletableFuture::join);
      Instant end = T0.plus(Duration.ofDays(1));

      List<RouteUsage> all = log.usage(null, T0, end);
      assertThat(all).extracting(RouteUsage::route).containsExactly("", "chat");
      assertThat(all.stream().mapToLong(RouteUsage::requests).sum()).isEqualTo(n);
      assertThat(all.stream().mapToLong(RouteUsage::promptTokens).sum()).isEqualTo(10L * n);

      List<RouteUsage> acme = log.usage("acme", T0, end);
      assertThat(acme.stream().mapToLong(RouteUsage::requests).sum()).isEqualTo(n - n / 3);
      assertThat(acme.stream().mapToLong(RouteUsage::completionTokens).sum()).isEqualTo(n - n / 3);
      assertThat(log.usage("nobody", T0, end)).isEmpty();
      assertThat(
              log.usage(null, T0.plusMillis(n / 2), end).stream()
                  .mapToLong(RouteUsage::requests)
                  .sum())
          .isEqualTo(n / 2);
    }
  }
}
