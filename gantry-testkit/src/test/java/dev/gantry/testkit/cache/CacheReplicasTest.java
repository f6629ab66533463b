package dev.gantry.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.cache.ResponseCache;
import dev.gantry.gateway.security.SecurityRuntime;
import dev.gantry.sim.Simulator;
import dev.gantry.store.Store;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway replicas on one store (a SQLite file): an entry one stores is served by the other
 * once it has read the store (every {@link ResponseCache#SYNC_INTERVAL}), and a purge on one
 * removes the entry from both; a configuration change of the route makes its entries unreachable.
 */
class CacheReplicasTest {
  @TempDir Path dir;

  static final String ROUTES =
      "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
          + "routes:\n"
          + "  faq:\n"
          + "    deployments: [{provider: sim, model: m}]\n"
          + "    cache: {ttl: 10m}\n";

  static HttpResponse<String> ask(HttpTestClient http, String q) {
    return http.postJson(
        "/v1/chat/completions",
        "{\"model\":\"faq\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
            + q
            + "\"}]}");
  }

  static String cache(HttpResponse<String> r) {
    return r.headers().firstValue("x-gantry-cache").orElse("none");
  }

  /**
   * Waits for {@code condition} up to a bound far above the sync interval; false if it never held.
   */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(25);
    }
    return condition.getAsBoolean();
  }

  @Test
  void an_entry_stored_by_one_replica_is_served_and_purged_by_the_other() throws Exception {
    String yaml = "data_dir: " + dir + "\n" + ROUTES;
    try (Simulator sim = GantryTestKit.simulator();
        Gateway a = GantryTestKit.gateway(yaml, sim);
        Gateway b = GantryTestKit.gateway(yaml, sim)) {
      HttpTestClient httpA = new HttpTestClient(a.baseUrl());
      HttpTestClient httpB = new HttpTestClient(b.baseUrl());
      assertThat(cache(ask(httpA, "Which countries do you deliver to?"))).isEqualTo("miss");
      ResponseCache cacheB = b.costs().cache();
      assertThat(eventually(() -> cacheB.entries("faq") == 1)).isTrue();
      int calls = sim.received().size();
      HttpResponse<String> served = ask(httpB, "Which countries do you deliver to?");
      assertThat(cache(served)).isEqualTo("hit");
      assertThat(sim.received()).hasSize(calls);
      assertThat(cache(ask(httpB, "To which countries do you deliver?"))).isEqualTo("semantic-hit");

      assertThat(a.costs().cache().purge("faq", null)).isEqualTo(1);
      assertThat(eventually(() -> cacheB.entries("faq") == 0)).isTrue();
      assertThat(cache(ask(httpB, "Which countries do you deliver to?"))).isEqualTo("miss");
    }
  }

  @Test
  void a_configuration_change_of_the_route_leaves_its_entries_unserved() throws Exception {
    try (Simulator sim = GantryTestKit.simulator()) {
      GantryConfig first = GantryTestKit.config(ROUTES, sim);
      try (Gateway g = GantryTestKit.gateway(first)) {
        HttpTestClient http = new HttpTestClient(g.baseUrl());
        ask(http, "Do you offer student discounts?");
        assertThat(cache(ask(http, "Do you offer student discounts?"))).isEqualTo("hit");
        g.reload(
            GantryTestKit.config(
                ROUTES.replace("cache: {ttl: 10m}", "cache: {ttl: 20m}")
                    + "    retry: {max_attempts: 3}\n",
                sim));
        assertThat(cache(ask(http, "Do you offer student discounts?"))).isEqualTo("miss");
        assertThat(cache(ask(http, "Do you offer student discounts?"))).isEqualTo("hit");
      }
    }
  }

  static String keys(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return "audit: {data_keys: \"k1:" + Base64.getEncoder().encodeToString(key) + "\"}\n";
  }

  @Test
  void a_replica_with_another_data_key_misses_instead_of_failing() throws Exception {
    String yaml = "data_dir: " + dir + "\n" + ROUTES;
    try (Simulator sim = GantryTestKit.simulator();
        Gateway a = GantryTestKit.gateway(yaml + keys(1), sim);
        Gateway b = GantryTestKit.gateway(yaml + keys(2), sim)) {
      HttpTestClient httpA = new HttpTestClient(a.baseUrl());
      HttpTestClient httpB = new HttpTestClient(b.baseUrl());
      assertThat(cache(ask(httpA, "Can I return a gift without a receipt?"))).isEqualTo("miss");
      try (Store store =
          Store.open(SecurityRuntime.storeConfig(GantryTestKit.config(yaml, sim), Map.of()))) {
        assertThat(eventually(() -> store.cache().read(0, Instant.now(), 10).scanned() == 1))
            .isTrue();
      }
      b.costs().cache().sync();
      assertThat(b.costs().cache().entries("faq")).isZero();
      HttpResponse<String> fromB = ask(httpB, "Can I return a gift without a receipt?");
      assertThat(fromB.statusCode()).isEqualTo(200);
      assertThat(cache(fromB)).isEqualTo("miss");
      assertThat(cache(ask(httpA, "Can I return a gift without a receipt?"))).isEqualTo("hit");
    }
  }
}
