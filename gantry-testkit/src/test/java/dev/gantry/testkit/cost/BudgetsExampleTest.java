package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.cost.Usd;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/budgets.yaml} as shipped, checked the way its header says: 120 requests at once
 * for one customer, whose {@code x-gantry-cost-usd} add up to no more than USD 0.01.
 */
class BudgetsExampleTest {
  @TempDir Path dir;

  @Test
  void one_hundred_and_twenty_concurrent_requests_for_one_customer_stay_within_a_cent()
      throws Exception {
    try (Simulator sim = GantryTestKit.simulator();
        Gateway gateway =
            GantryTestKit.gateway(
                ConfigLoader.load(
                    Path.of("..", "examples", "budgets.yaml"),
                    Map.of(
                        "SIM_PORT",
                        Integer.toString(URI.create(sim.baseUrl()).getPort()),
                        "GANTRY_DATA_DIR",
                        dir.toString())))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // about 100 tokens: 90 in, a 6-token simulated reply
      String question =
          "Summarise our refund policy for enterprise customers in one line. ".repeat(7);
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        all.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .header("x-gantry-customer", "acme-user-7")
                    .timeout(Duration.ofSeconds(60))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\""
                                + question
                                + "\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      long sum = 0;
      long ok = 0;
      long refused = 0;
      for (CompletableFuture<HttpResponse<String>> f : all) {
        HttpResponse<String> r = f.join();
        if (r.statusCode() == 200) {
          ok++;
          sum += Usd.parse(r.headers().firstValue("x-gantry-cost-usd").orElseThrow());
        } else {
          assertThat(r.statusCode()).isEqualTo(429);
          assertThat(r.body()).contains("\"code\":\"customer_daily\"");
          refused++;
        }
      }
      System.out.printf(
          "budgets.yaml: 120 concurrent requests, %d answered, %d refused, USD %s spent of"
              + " USD 0.010000%n",
          ok, refused, Usd.format(sum));
      assertThat(ok).isPositive();
      assertThat(refused).isPositive();
      assertThat(sum).isLessThanOrEqualTo(10_000);
    }
  }
}
