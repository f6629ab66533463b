package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client speaking an upstream's own API gets passthrough: the upstream receives the client's body
 * unchanged (Anthropic's {@code cache_control}, thinking blocks and {@code top_k} intact) and the
 * client receives the upstream's own answer; once a stage rewrites the request, it is translated
 * from the canonical form instead, so the upstream sees what the stages changed.
 */
class NativePassthroughTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String CONFIG =
      UpstreamKinds.CONFIG
          + "  redacting:\n"
          + "    deployments: [{provider: claude, model: claude-3-5-haiku}]\n"
          + "    guardrails:\n"
          + "      input:\n"
          + "        - {check: pii, action: redact}\n";

  static final String BODY =
      "{\"model\":\"%s\",\"max_tokens\":300,\"top_k\":5,%s"
          + "\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\","
          + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
          + "\"messages\":["
          + "{\"role\":\"user\",\"content\":\"Hi, I am %s\"},"
          + "{\"role\":\"assistant\",\"content\":["
          + "{\"type\":\"thinking\",\"thinking\":\"They greet me.\",\"signature\":\"sig-1\"},"
          + "{\"type\":\"text\",\"text\":\"Hello.\"}]},"
          + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hi again\","
          + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(UpstreamKinds.SCENARIO);
    gateway = GantryTestKit.gateway(CONFIG, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  private static JsonNode lastUpstreamBody() {
    List<Simulator.Received> received = sim.received();
    return received.get(received.size() - 1).body();
  }

  @Test
  void an_anthropic_upstream_gets_the_clients_messages_body_unchanged() throws Exception {
    String body = String.format(BODY, "anthropic", "", "Ada");
    HttpResponse<String> r = http.postJson("/v1/messages", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    ObjectNode expected = (ObjectNode) JSON.readTree(body);
    expected.put("model", "claude-3-5-haiku");
    assertThat(lastUpstreamBody()).isEqualTo(expected);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("model").asText()).isEqualTo("anthropic");
    // The simulator's own message (its ids, its usage object), not one rendered by Gantry.
    assertThat(answer.path("id").asText()).matches("msg_[A-Za-z0-9]{24}");
  }

  @Test
  void an_anthropic_stream_is_passed_through_event_by_event() throws Exception {
    String body = String.format(BODY, "anthropic", "\"stream\":true,", "Ada");
    HttpResponse<String> r = http.postJson("/v1/messages", body);
    assertThat(r.statusCode()).isEqualTo(200);
    List<SseFixtures.Event> events = SseFixtures.parse(r.body());
    assertThat(events.get(0).event()).isEqualTo("message_start");
    JsonNode start = JSON.readTree(events.get(0).data());
    assertThat(start.path("message").path("id").asText()).matches("msg_[A-Za-z0-9]{24}");
    assertThat(start.path("message").path("model").asText()).isEqualTo("anthropic");
    assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
    assertThat(lastUpstreamBody().path("top_k").asInt()).isEqualTo(5);
    assertThat(lastUpstreamBody().path("stream").asBoolean()).isTrue();
  }

  @Test
  void a_request_a_stage_rewrote_is_translated_so_the_upstream_sees_the_rewrite() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/messages", String.format(BODY, "redacting", "", "ada.lovelace@example.com"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode upstream = lastUpstreamBody();
    assertThat(upstream.toString()).doesNotContain("ada.lovelace@example.com");
    assertThat(upstream.has("top_k")).isFalse();
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("id").asText()).matches("msg_[0-9a-f]{32}");
  }

  @Test
  void a_messages_request_to_an_openai_upstream_is_translated() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/messages", String.format(BODY, "openai", "", "Ada"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode upstream = lastUpstreamBody();
    assertThat(upstream.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(upstream.has("top_k")).isFalse();
    assertThat(JSON.readTree(r.body()).path("content").get(0).path("text").asText())
        .isEqualTo("Hello from the simulator, friend.");
  }

  @Test
  void an_openai_upstream_gets_the_clients_responses_body_with_gantrys_conversation()
      throws Exception {
    HttpResponse<String> first =
        http.postJson(
            "/v1/responses",
            "{\"model\":\"openai\",\"input\":\"Remember pelican\",\"metadata\":{\"k\":\"v\"},"
                + "\"text\":{\"verbosity\":\"low\"}}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode upstream = lastUpstreamBody();
    assertThat(upstream.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(upstream.path("store").asBoolean(true)).isFalse();
    assertThat(upstream.path("text").path("verbosity").asText()).isEqualTo("low");
    JsonNode answer = JSON.readTree(first.body());
    // The simulator's own response object, showing the client's model and settings.
    assertThat(answer.path("id").asText()).matches("resp_[A-Za-z0-9]{24}");
    assertThat(answer.path("model").asText()).isEqualTo("openai");
    assertThat(answer.path("store").asBoolean()).isTrue();

    HttpResponse<String> second =
        http.postJson(
            "/v1/responses",
            "{\"model\":\"azure\",\"input\":\"And now?\",\"previous_response_id\":\""
                + answer.path("id").asText()
                + "\"}");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    upstream = lastUpstreamBody();
    assertThat(sim.received().get(sim.received().size() - 1).path()).isEqualTo("/openai/responses");
    assertThat(upstream.has("previous_response_id")).isFalse();
    assertThat(upstream.path("input").toString())
        .contains("Remember pelican")
        .contains("Hello from the simulator, friend.")
        .contains("And now?");
    assertThat(JSON.readTree(second.body()).path("previous_response_id").asText())
        .isEqualTo(answer.path("id").asText());
  }

  @Test
  void a_responses_stream_from_an_openai_upstream_is_passed_through() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/responses", "{\"model\":\"openai\",\"input\":\"Hi\",\"stream\":true}");
    List<SseFixtures.Event> events = SseFixtures.parse(r.body());
    JsonNode created = JSON.readTree(events.get(0).data());
    assertThat(created.path("response").path("id").asText()).matches("resp_[A-Za-z0-9]{24}");
    JsonNode completed = JSON.readTree(events.get(events.size() - 1).data());
    assertThat(completed.path("type").asText()).isEqualTo("response.completed");
    String id = completed.path("response").path("id").asText();
    assertThat(http.get("/v1/responses/" + id).statusCode()).isEqualTo(200);
  }
}
