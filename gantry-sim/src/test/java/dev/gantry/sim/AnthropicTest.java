package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.tokens.TokenCounter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicTest {
  private static final TokenCounter TOKENS = TokenCounter.defaultCounter();
  private static final String SCENARIO =
      """
      rules:
        - match: {contains: "weather"}
          tool_call: {name: get_weather, arguments: {city: "Paris"}}
        - match: {contains: "hi"}
          reply: "Hello! How can I help?"
      """;

  private static Simulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults());
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.scenario(Scenario.parse(SCENARIO));
  }

  private static String messages(String user, String extra) {
    return "{\"model\":\"claude-3-5-haiku\",\"max_tokens\":100,\"system\":\"Be nice.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\""
        + user
        + "\"}]}]"
        + extra
        + "}";
  }

  @Test
  void answers_a_message_with_text_content_and_usage() {
    HttpResponse<String> response =
        client.post("/v1/messages", messages("hi there", ""), "anthropic-version", "2023-06-01");

    assertThat(response.statusCode()).isEqualTo(200);
    ObjectNode body = SimClient.json(response);
    assertThat(body.get("id").asText()).startsWith("msg_");
    assertThat(body.get("type").asText()).isEqualTo("message");
    assertThat(body.get("role").asText()).isEqualTo("assistant");
    assertThat(body.get("model").asText()).isEqualTo("claude-3-5-haiku");
    assertThat(body.get("content").get(0).get("type").asText()).isEqualTo("text");
    assertThat(body.get("content").get(0).get("text").asText()).isEqualTo("Hello! How can I help?");
    assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.get("stop_sequence").isNull()).isTrue();
    assertThat(body.get("usage").get("input_tokens").asInt())
        .isEqualTo(TOKENS.count("Be nice.") + TOKENS.count("hi there"));
    assertThat(body.get("usage").get("output_tokens").asInt())
        .isEqualTo(TOKENS.count("Hello! How can I help?"));
  }

  @Test
  void answers_a_tool_call_rule_with_a_tool_use_block() {
    ObjectNode body = SimClient.json(client.post("/v1/messages", messages("weather?", "")));

    JsonNode block = body.get("content").get(0);
    assertThat(block.get("type").asText()).isEqualTo("tool_use");
    assertThat(block.get("id").asText()).startsWith("toolu_");
    assertThat(block.get("name").asText()).isEqualTo("get_weather");
    assertThat(block.get("input")).isEqualTo(Json.MAPPER.createObjectNode().put("city", "Paris"));
    assertThat(body.get("stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void streams_the_exact_anthropic_event_sequence() {
    HttpResponse<String> response = client.post("/v1/messages", messages("hi", ",\"stream\":true"));

    List<SimClient.Sse> events = SimClient.events(response.body());
    List<String> names = events.stream().map(SimClient.Sse::event).distinct().toList();
    assertThat(names)
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    for (SimClient.Sse event : events) {
      assertThat(event.json().get("type").asText()).isEqualTo(event.event());
    }
    JsonNode start = events.get(0).json().get("message");
    assertThat(start.get("content").isEmpty()).isTrue();
    assertThat(start.get("usage").get("input_tokens").asInt())
        .isEqualTo(TOKENS.count("Be nice.") + TOKENS.count("hi"));
    assertThat(events.get(1).json().get("content_block").get("type").asText()).isEqualTo("text");
    StringBuilder text = new StringBuilder();
    for (SimClient.Sse event : events) {
      if (event.event().equals("content_block_delta")) {
        JsonNode delta = event.json().get("delta");
        assertThat(delta.get("type").asText()).isEqualTo("text_delta");
        text.append(delta.get("text").asText());
      }
    }
    assertThat(text.toString()).isEqualTo("Hello! How can I help?");
    JsonNode messageDelta = events.get(events.size() - 2).json();
    assertThat(messageDelta.get("delta").get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(messageDelta.get("usage").get("output_tokens").asInt())
        .isEqualTo(TOKENS.count("Hello! How can I help?"));
  }

  @Test
  void streams_tool_use_input_as_input_json_deltas() {
    HttpResponse<String> response =
        client.post("/v1/messages", messages("weather in Paris", ",\"stream\":true"));

    List<SimClient.Sse> events = SimClient.events(response.body());
    JsonNode block = events.get(1).json().get("content_block");
    assertThat(block.get("type").asText()).isEqualTo("tool_use");
    assertThat(block.get("id").asText()).startsWith("toolu_");
    assertThat(block.get("name").asText()).isEqualTo("get_weather");
    assertThat(block.get("input").isEmpty()).isTrue();
    StringBuilder json = new StringBuilder();
    int deltas = 0;
    for (SimClient.Sse event : events) {
      if ("content_block_delta".equals(event.event())) {
        JsonNode delta = event.json().get("delta");
        assertThat(delta.get("type").asText()).isEqualTo("input_json_delta");
        json.append(delta.get("partial_json").asText());
        deltas++;
      }
    }
    assertThat(deltas).isGreaterThan(1);
    assertThat(Json.tryParse(json.toString().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Json.MAPPER.createObjectNode().put("city", "Paris"));
    assertThat(events.get(events.size() - 2).json().get("delta").get("stop_reason").asText())
        .isEqualTo("tool_use");
    assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
  }

  @Test
  void stops_at_a_stop_sequence_and_names_it() {
    ObjectNode body =
        SimClient.json(
            client.post("/v1/messages", messages("hi", ",\"stop_sequences\":[\"How\"]")));

    assertThat(body.get("content").get(0).get("text").asText()).isEqualTo("Hello! ");
    assertThat(body.get("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(body.get("stop_sequence").asText()).isEqualTo("How");
  }

  @Test
  void rejects_a_request_without_max_tokens_in_the_anthropic_error_shape() {
    HttpResponse<String> response =
        client.post(
            "/v1/messages",
            "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    ObjectNode body = SimClient.json(response);
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.get("error").get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.get("error").get("message").asText()).contains("max_tokens");
  }

  @Test
  void requires_x_api_key_only_when_the_scenario_sets_one() {
    assertThat(client.post("/v1/messages", messages("hi", "")).statusCode()).isEqualTo(200);
    sim.scenario(Scenario.parse("auth: {anthropic_key: ak-test}"));

    HttpResponse<String> missing = client.post("/v1/messages", messages("hi", ""));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(missing).get("error").get("type").asText())
        .isEqualTo("authentication_error");
    assertThat(client.post("/v1/messages", messages("hi", ""), "x-api-key", "ak-test").statusCode())
        .isEqualTo(200);
  }

  @Test
  void reports_overload_faults_as_overloaded_error() {
    sim.scenario(Scenario.parse("faults: [{type: status, status: 529, first: 1}]"));

    HttpResponse<String> response = client.post("/v1/messages", messages("hi", ""));

    assertThat(response.statusCode()).isEqualTo(529);
    assertThat(SimClient.json(response).get("error").get("type").asText())
        .isEqualTo("overloaded_error");
  }

  @Test
  void lists_models_in_the_anthropic_shape_for_anthropic_clients() {
    JsonNode body = SimClient.json(client.get("/v1/models", "anthropic-version", "2023-06-01"));

    assertThat(body.get("data").get(0).get("type").asText()).isEqualTo("model");
    assertThat(body.get("has_more").asBoolean()).isFalse();
  }
}
