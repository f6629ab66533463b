package dev.gantry.testkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Latency budgets through real sockets: a cheap deployment whose simulator takes 400 ms to answer
 * and a dear one that answers at once. Without a budget the cheap one serves; a budget it cannot
 * meet moves the request to the dear one; a route whose only deployment cannot meet its budget
 * refuses with 503 naming the budget ({@code on_unmet: reject}) or answers anyway ({@code
 * best_effort}); a bad header value is a 400.
 */
class LatencyBudgetTest {
  static final String BODY =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String HEADER = "x-gantry-latency-budget-ms";

  @Test
  void picks_the_cheapest_deployment_expected_to_meet_the_budget_and_refuses_an_unmeetable_one()
      throws Exception {
    try (Simulator slow = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 400}}\n");
        Simulator fast = GantryTestKit.simulator()) {
      String yaml =
          """
          providers:
            slow: {type: openai_compatible, base_url: "%s/v1"}
            fast: {type: openai_compatible, base_url: "%s/v1"}
            unseen: {type: openai_compatible, base_url: "%s/v1"}
          cost:
            prices:
              - {provider: slow, model: m, input: 0.10, output: 0.40}
              - {provider: fast, model: m, input: 5.00, output: 15.00}
          routes:
            m:
              deployments: [{provider: slow, model: m, weight: 1}, {provider: fast, model: m, weight: 1}]
              retry: {max_attempts: 1}
            strict:
              deployments: [{provider: slow, model: m}]
              latency_budget: 100ms
              on_unmet: reject
            lenient:
              deployments: [{provider: slow, model: m}]
              latency_budget: 100ms
            fresh:
              deployments: [{provider: unseen, model: m}]
              latency_budget: 150ms
              on_unmet: reject
          """
              .formatted(slow.baseUrl(), fast.baseUrl(), slow.baseUrl());
      try (Gateway gw = GantryTestKit.gateway(yaml, slow)) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        // nothing is known yet: both may meet a generous budget, the cheaper one is chosen
        HttpResponse<String> generous = http.postJson(path(), BODY.formatted("m"), HEADER, "60000");
        assertThat(generous.statusCode()).isEqualTo(200);
        assertThat(generous.headers().firstValue("x-gantry-provider")).hasValue("slow");

        // the cheap one is now known to take 400 ms: a 100 ms budget goes to the dear one
        HttpResponse<String> tight = http.postJson(path(), BODY.formatted("m"), HEADER, "100");
        assertThat(tight.statusCode()).isEqualTo(200);
        assertThat(tight.headers().firstValue("x-gantry-provider")).hasValue("fast");
        assertThat(fast.received()).hasSize(1);

        // and a generous one still goes to the cheap one
        HttpResponse<String> again = http.postJson(path(), BODY.formatted("m"), HEADER, "60000");
        assertThat(again.headers().firstValue("x-gantry-provider")).hasValue("slow");

        // the route's own budget, refused: 503 naming the budget, the upstream not called
        int calls = slow.received().size();
        HttpResponse<String> refused = http.postJson(path(), BODY.formatted("strict"));
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode error = Json.MAPPER.readTree(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("latency_budget_unmet");
        assertThat(error.get("message").asText()).contains("100 ms").contains("'strict'");
        assertThat(slow.received()).hasSize(calls);

        // a header replaces the route's budget
        assertThat(http.postJson(path(), BODY.formatted("strict"), HEADER, "5000").statusCode())
            .isEqualTo(200);

        // best effort: answered by the deployment expected to answer soonest
        HttpResponse<String> lenient = http.postJson(path(), BODY.formatted("lenient"));
        assertThat(lenient.statusCode()).isEqualTo(200);
        assertThat(lenient.headers().firstValue("x-gantry-provider")).hasValue("slow");

        // a deployment not yet measured is tried, and with on_unmet: reject the budget is the
        // deadline: of the whole answer, or of a stream's first token
        HttpResponse<String> cut = http.postJson(path(), BODY.formatted("fresh"));
        assertThat(cut.statusCode()).isEqualTo(504);
        assertThat(Json.MAPPER.readTree(cut.body()).at("/error/code").asText())
            .isEqualTo("latency_budget_exceeded");
        HttpResponse<String> cutStream =
            http.postJson(
                path(),
                "{\"model\":\"fresh\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(cutStream.statusCode()).isEqualTo(504);
        JsonNode streamError = Json.MAPPER.readTree(cutStream.body()).get("error");
        assertThat(streamError.get("code").asText()).isEqualTo("latency_budget_exceeded");
        assertThat(streamError.get("message").asText()).contains("150 ms").contains("first token");
      }
    }
  }

  @Test
  void refuses_a_latency_budget_header_that_is_not_a_whole_number_of_milliseconds()
      throws Exception {
    try (Simulator sim = GantryTestKit.simulator();
        Gateway gw = GantryTestKit.gateway(GantryTestKit.simConfig("m"), sim)) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      for (String bad : new String[] {"abc", "0", "-5", "1.5", "3600001", "99999999999999999999"}) {
        HttpResponse<String> r = http.postJson(path(), BODY.formatted("m"), HEADER, bad);
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_latency_budget");
        assertThat(error.get("message").asText()).contains(HEADER);
      }
      assertThat(sim.received()).isEmpty();
      assertThat(http.postJson(path(), BODY.formatted("m"), HEADER, "3600000").statusCode())
          .isEqualTo(200);
    }
  }

  private static String path() {
    return "/v1/chat/completions";
  }
}
