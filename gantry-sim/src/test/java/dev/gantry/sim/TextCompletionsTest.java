package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCompletionsTest {
  private static Simulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim =
        Simulator.start(
            SimulatorOptions.defaults()
                .withScenario(
                    Scenario.parse(
                        """
                        default_reply: one two three four five six seven eight nine ten eleven \
                        twelve thirteen fourteen fifteen sixteen seventeen eighteen
                        rules:
                          - match: {contains: short}
                            reply: Brief answer.
                        """)));
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void answers_every_prompt_n_times_with_echo_and_stops_at_16_tokens_by_default() {
    HttpResponse<String> r =
        client.post(
            "/v1/completions",
            "{\"model\":\"davinci-002\",\"prompt\":[\"short \",\"long \"],\"n\":2,\"echo\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    ObjectNode body = SimClient.json(r);
    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    JsonNode choices = body.path("choices");
    assertThat(choices).hasSize(4);
    assertThat(choices.get(1).path("index").asInt()).isEqualTo(1);
    assertThat(choices.get(1).path("text").asText()).isEqualTo("short Brief answer.");
    assertThat(choices.get(1).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choices.get(2).path("text").asText()).startsWith("long one two");
    assertThat(choices.get(2).path("finish_reason").asText()).isEqualTo("length");
    assertThat(body.path("usage").path("completion_tokens").asInt()).isPositive();
  }

  @Test
  void streams_text_completion_chunks_then_usage_then_done() {
    HttpResponse<String> r =
        client.post(
            "/v1/completions",
            "{\"model\":\"m\",\"prompt\":\"short\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");
    List<SimClient.Sse> events = SimClient.events(r.body());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    for (SimClient.Sse e : events.subList(0, events.size() - 2)) {
      assertThat(e.json().path("object").asText()).isEqualTo("text_completion");
      text.append(e.json().path("choices").get(0).path("text").asText());
    }
    assertThat(text.toString()).isEqualTo("Brief answer.");
    JsonNode usage = events.get(events.size() - 2).json();
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.path("usage").path("total_tokens").asInt()).isPositive();
  }

  @Test
  void serves_the_azure_deployment_path() {
    HttpResponse<String> r =
        client.post(
            "/openai/deployments/my-instruct/completions?api-version=2024-10-21",
            "{\"prompt\":\"short\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SimClient.json(r).path("model").asText()).isEqualTo("my-instruct");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"m\"}|prompt",
        "{\"model\":\"m\",\"prompt\":[1,2]}|prompt",
        "{\"model\":\"m\",\"prompt\":\"x\",\"n\":3,\"best_of\":2}|best_of",
        "{\"model\":\"m\",\"prompt\":\"x\",\"best_of\":2,\"stream\":true}|best_of",
        "{\"prompt\":\"x\"}|model",
      })
  void refuses_bad_requests_naming_the_field(String body, String param) {
    HttpResponse<String> r = client.post("/v1/completions", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(r).path("error").path("param").asText()).isEqualTo(param);
  }
}
