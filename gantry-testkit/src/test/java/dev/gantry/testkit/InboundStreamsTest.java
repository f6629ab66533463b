package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The streams of every inbound API, from every kind of upstream, checked event by event against
 * recorded sequences (types, order, ids, sequence numbers, payloads); guardrails that block in the
 * middle of a stream end it with the error event of the API the client speaks.
 */
class InboundStreamsTest {
  static final List<String> ROUTES = UpstreamKinds.ROUTES;

  static final String SCENARIO =
      "chunk_tokens: 2\n"
          + "rules:\n"
          + "  - match: {contains: weather}\n"
          + "    tool_call: {name: get_weather, arguments: {city: Paris}}\n"
          + "  - match: {contains: \"leak an email\"}\n"
          + "    reply: \"The contact for this account has been on record with us for many years,"
          + " and the address is john.doe@example.com so nobody else should be told.\"\n"
          + "default_reply: Hello from the simulator, friend.\n";

  static final String CONFIG =
      UpstreamKinds.CONFIG
          + "  guarded:\n"
          + "    deployments: [{provider: compat, model: m}]\n"
          + "    guardrails:\n"
          + "      stream_window_chars: 16\n"
          + "      output:\n"
          + "        - {check: pii, action: block}\n";

  static final String TOOL =
      "{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}";
  static final String ANTHROPIC_TOOL =
      "{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}";

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(SCENARIO);
    gateway = GantryTestKit.gateway(CONFIG, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  /** The normalised events, with the route's name (echoed as the model) as {@code <route>}. */
  private static List<String> stream(String path, String route, String body) {
    HttpResponse<String> r = http.postJson(path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> lines = new ArrayList<>();
    for (String line : SseFixtures.normalise(SseFixtures.parse(r.body()))) {
      lines.add(line.replace("\"model\":\"" + route + "\"", "\"model\":\"<route>\""));
    }
    return lines;
  }

  private static void matches(String fixture, String route, List<String> actual) {
    List<String> expected = SseFixtures.recorded(fixture, route, actual);
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      assertThat(i < actual.size() ? actual.get(i) : "<no event>")
          .as("event %d of %s", i, fixture)
          .isEqualTo(i < expected.size() ? expected.get(i) : "<no event>");
    }
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void responses_text_stream_matches_the_recorded_sequence(String route) {
    matches(
        "responses-text",
        route,
        stream(
            "/v1/responses",
            route,
            "{\"model\":\"" + route + "\",\"input\":\"Hello\",\"stream\":true}"));
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void responses_tool_call_stream_matches_the_recorded_sequence(String route) {
    matches(
        "responses-tool-call",
        route,
        stream(
            "/v1/responses",
            route,
            "{\"model\":\""
                + route
                + "\",\"input\":\"weather in Paris?\",\"tools\":["
                + TOOL
                + "],\"stream\":true}"));
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void messages_text_stream_matches_the_recorded_sequence(String route) {
    matches(
        "messages-text",
        route,
        stream(
            "/v1/messages",
            route,
            "{\"model\":\""
                + route
                + "\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void messages_tool_use_stream_matches_the_recorded_sequence(String route) {
    matches(
        "messages-tool-use",
        route,
        stream(
            "/v1/messages",
            route,
            "{\"model\":\""
                + route
                + "\",\"max_tokens\":100,\"stream\":true,\"tools\":["
                + ANTHROPIC_TOOL
                + "],\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"}]}"));
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void completions_stream_matches_the_recorded_sequence(String route) {
    matches(
        "completions-text",
        route,
        stream(
            "/v1/completions",
            route,
            "{\"model\":\""
                + route
                + "\",\"prompt\":\"Hello\",\"max_tokens\":50,\"stream\":true}"));
  }

  @Test
  void a_guardrail_block_mid_stream_ends_a_responses_stream_with_error_and_response_failed()
      throws Exception {
    List<SseFixtures.Event> events =
        SseFixtures.parse(
            http.postJson(
                    "/v1/responses",
                    "{\"model\":\"guarded\",\"input\":\"leak an email\",\"stream\":true}")
                .body());
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.event()));
    assertThat(types).contains("response.output_text.delta");
    assertThat(types.subList(types.size() - 2, types.size()))
        .containsExactly("error", "response.failed");
    JsonNode error = SseFixtures.JSON.readTree(events.get(events.size() - 2).data());
    assertThat(error.path("code").asText()).isEqualTo("pii");
    JsonNode failed = SseFixtures.JSON.readTree(events.get(events.size() - 1).data());
    assertThat(failed.path("response").path("status").asText()).isEqualTo("failed");
    assertThat(String.join("", deltas(events))).doesNotContain("john.doe@example.com");
  }

  @Test
  void a_guardrail_block_mid_stream_ends_a_messages_stream_with_an_anthropic_error_event()
      throws Exception {
    List<SseFixtures.Event> events =
        SseFixtures.parse(
            http.postJson(
                    "/v1/messages",
                    "{\"model\":\"guarded\",\"max_tokens\":100,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"leak an email\"}]}")
                .body());
    assertThat(events.get(0).event()).isEqualTo("message_start");
    assertThat(events).anyMatch(e -> "content_block_delta".equals(e.event()));
    SseFixtures.Event last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("error");
    JsonNode error = SseFixtures.JSON.readTree(last.data());
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(events).noneMatch(e -> "message_stop".equals(e.event()));
  }

  @Test
  void a_guardrail_block_mid_stream_ends_a_completions_stream_with_an_error_and_no_done()
      throws Exception {
    List<SseFixtures.Event> events =
        SseFixtures.parse(
            http.postJson(
                    "/v1/completions",
                    "{\"model\":\"guarded\",\"prompt\":\"leak an email\",\"max_tokens\":200,"
                        + "\"stream\":true}")
                .body());
    assertThat(events.get(0).data()).contains("text_completion");
    SseFixtures.Event last = events.get(events.size() - 1);
    assertThat(SseFixtures.JSON.readTree(last.data()).path("error").path("code").asText())
        .isEqualTo("pii");
    assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
  }

  @Test
  void the_anthropic_sdk_raises_the_error_event_of_a_blocked_stream() {
    com.anthropic.client.AnthropicClient client =
        com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
            .baseUrl(gateway.baseUrl())
            .apiKey("sk-ant-anything")
            .maxRetries(0)
            .build();
    try {
      StringBuilder text = new StringBuilder();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                try (var stream =
                    client
                        .messages()
                        .createStreaming(
                            com.anthropic.models.messages.MessageCreateParams.builder()
                                .model("guarded")
                                .maxTokens(200)
                                .addUserMessage("leak an email")
                                .build())) {
                  stream.stream()
                      .forEach(
                          e ->
                              e.contentBlockDelta()
                                  .flatMap(d -> d.delta().text())
                                  .ifPresent(t -> text.append(t.text())));
                }
              })
          .isInstanceOf(com.anthropic.errors.AnthropicException.class);
      assertThat(text.toString()).isNotEmpty().doesNotContain("john.doe@example.com");
    } finally {
      client.close();
    }
  }

  @Test
  void the_openai_sdk_sees_error_and_response_failed_events_of_a_blocked_responses_stream() {
    com.openai.client.OpenAIClient client =
        com.openai.client.okhttp.OpenAIOkHttpClient.builder()
            .baseUrl(gateway.baseUrl() + "/v1")
            .apiKey("sk-anything")
            .maxRetries(0)
            .build();
    try (var stream =
        client
            .responses()
            .createStreaming(
                com.openai.models.responses.ResponseCreateParams.builder()
                    .model("guarded")
                    .input("leak an email")
                    .build())) {
      List<com.openai.models.responses.ResponseStreamEvent> events = new ArrayList<>();
      stream.stream().forEach(events::add);
      assertThat(events.get(events.size() - 2).isError()).isTrue();
      assertThat(events.get(events.size() - 2).asError().code()).hasValue("pii");
      assertThat(events.get(events.size() - 1).isFailed()).isTrue();
      assertThat(events.get(events.size() - 1).asFailed().response().error()).isPresent();
    } finally {
      client.close();
    }
  }

  private static List<String> deltas(List<SseFixtures.Event> events) throws Exception {
    List<String> out = new ArrayList<>();
    for (SseFixtures.Event e : events) {
      if ("response.output_text.delta".equals(e.event())) {
        out.add(SseFixtures.JSON.readTree(e.data()).path("delta").asText());
      }
    }
    return out;
  }
}
