package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/completions} to providers that serve legacy completions themselves ({@code
 * completions: native}): the upstream gets the client's body (model replaced, unknown fields and
 * native-only settings intact), the client the upstream's own answer or chunks, through the same
 * authentication, guardrails, fallbacks and audit record (with the upstream's usage) as chat.
 */
class NativeCompletionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "native-completions-admin-key-0123456789";
  static final String REPLY = "Hello from the simulator, friend.";
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim =
        GantryTestKit.simulator(
            "rules:\n"
                + "  - match: {contains: contact}\n"
                + "    reply: 'Our team reads every message and answers within a day, on weekdays"
                + " and weekends alike, so write to grace.hopper@example.com for help.'\n"
                + "default_reply: "
                + REPLY
                + "\n"
                + "faults:\n"
                + "  - {type: status, status: 503, rate: 1, models: [broken-instruct]}\n");
    String simUrl = sim.baseUrl();
    String yaml =
        "server: {port: 0}\n"
            + "data_dir: "
            + dir
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " native-completions-secret-0123456789abcdef}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "providers:\n"
            + "  instruct: {type: openai, base_url: '"
            + simUrl
            + "/v1', api_key: sk-test, completions: native}\n"
            + "  chat: {type: openai_compatible, base_url: '"
            + simUrl
            + "/v1'}\n"
            + "  azure: {type: azure, base_url: '"
            + simUrl
            + "', api_key: az-test, api_version: 2024-10-21, completions: native}\n"
            + "routes:\n"
            + "  instruct: {deployments: [{provider: instruct, model: gpt-3.5-turbo-instruct}]}\n"
            + "  azure-instruct: {deployments: [{provider: azure, model: my-instruct}]}\n"
            + "  chat-only: {deployments: [{provider: chat, model: gpt-4o-mini}]}\n"
            + "  falling-back:\n"
            + "    deployments:\n"
            + "      - {provider: instruct, model: broken-instruct}\n"
            + "      - {provider: instruct, model: gpt-3.5-turbo-instruct, weight: 0}\n"
            + "    retry: {max_attempts: 1}\n"
            + "  mixed:\n"
            + "    deployments:\n"
            + "      - {provider: instruct, model: broken-instruct}\n"
            + "      - {provider: chat, model: gpt-4o-mini, weight: 0}\n"
            + "    retry: {max_attempts: 1}\n"
            + "  guarded:\n"
            + "    deployments: [{provider: instruct, model: gpt-3.5-turbo-instruct}]\n"
            + "    guardrails:\n"
            + "      stream_window_chars: 32\n"
            + "      input: [{check: pii, action: redact}]\n"
            + "      output: [{check: pii, action: block}]\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, Map.of()),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(gateway.baseUrl() + "/v1")
            .apiKey(ADMIN)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    sim.close();
  }

  static HttpResponse<String> post(String id, String body) {
    return http.postJson(
        "/v1/completions", body, "authorization", "Bearer " + ADMIN, "x-request-id", id);
  }

  static Simulator.Received lastUpstream() {
    List<Simulator.Received> received = sim.received();
    return received.get(received.size() - 1);
  }

  @Test
  void the_openai_sdk_gets_the_upstreams_own_completion() {
    Completion completion =
        client
            .completions()
            .create(
                CompletionCreateParams.builder()
                    .model("instruct")
                    .prompt("Say something nice.")
                    .maxTokens(50)
                    .build());
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).text()).isEqualTo(REPLY);
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.model()).isEqualTo("instruct");
    // The simulator's own id, not one Gantry made up for a translated answer.
    assertThat(completion.id()).matches("cmpl-[A-Za-z0-9]{24}");
    assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
    Simulator.Received upstream = lastUpstream();
    assertThat(upstream.path()).isEqualTo("/v1/completions");
    assertThat(upstream.body().path("model").asText()).isEqualTo("gpt-3.5-turbo-instruct");
  }

  @Test
  void the_openai_sdk_streams_the_upstreams_own_chunks_with_usage() {
    StringBuilder text = new StringBuilder();
    List<Completion> chunks = new ArrayList<>();
    try (StreamResponse<Completion> stream =
        client
            .completions()
            .createStreaming(
                CompletionCreateParams.builder()
                    .model("instruct")
                    .prompt("Say something nice.")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> text.append(c.text()));
              });
    }
    assertThat(text.toString()).isEqualTo(REPLY);
    assertThat(chunks).allMatch(c -> c.id().matches("cmpl-[A-Za-z0-9]{24}"));
    assertThat(chunks).allMatch(c -> c.model().equals("instruct"));
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
    assertThat(lastUpstream().body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void a_stream_without_usage_asked_gets_no_usage_chunk_and_ends_with_done() throws Exception {
    HttpResponse<String> r =
        post("stream-no-usage", "{\"model\":\"instruct\",\"prompt\":\"Hi\",\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<SseFixtures.Event> events = SseFixtures.parse(r.body());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    for (SseFixtures.Event e : events.subList(0, events.size() - 1)) {
      JsonNode chunk = JSON.readTree(e.data());
      assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
      assertThat(chunk.path("choices").size()).isEqualTo(1);
    }
    // Gantry asked the upstream for usage to meter the stream, and recorded it.
    assertThat(lastUpstream().body().path("stream_options").path("include_usage").asBoolean())
        .isTrue();
    JsonNode record = AuditRecords.only(http, ADMIN, "stream-no-usage");
    assertThat(record.path("completion_tokens").asLong()).isPositive();
    assertThat(record.path("prompt_tokens").asLong()).isPositive();
  }

  @Test
  void native_only_settings_and_unknown_fields_reach_the_upstream_unchanged() throws Exception {
    String body =
        "{\"model\":\"instruct\",\"prompt\":[\"One\",\"Two\"],\"n\":2,\"best_of\":3,"
            + "\"echo\":true,\"suffix\":\" end\",\"logprobs\":null,\"vendor_knob\":{\"a\":[1,2]}}";
    HttpResponse<String> r = post("native-only", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    ObjectNode expected = (ObjectNode) JSON.readTree(body);
    expected.put("model", "gpt-3.5-turbo-instruct");
    assertThat(lastUpstream().body()).isEqualTo(expected);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("choices").size()).isEqualTo(4);
    assertThat(answer.path("choices").get(0).path("text").asText()).isEqualTo("One" + REPLY);
    assertThat(answer.path("choices").get(3).path("text").asText()).isEqualTo("Two" + REPLY);
    JsonNode record = AuditRecords.only(http, ADMIN, "native-only");
    assertThat(record.path("completion_tokens").asLong())
        .isEqualTo(answer.path("usage").path("completion_tokens").asLong());
  }

  @Test
  void an_azure_deployment_gets_its_completions_path_and_key() throws Exception {
    HttpResponse<String> r =
        post("azure", "{\"model\":\"azure-instruct\",\"prompt\":\"Hi\",\"echo\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("choices").get(0).path("text").asText())
        .isEqualTo("Hi" + REPLY);
    Simulator.Received upstream = lastUpstream();
    assertThat(upstream.path()).isEqualTo("/openai/deployments/my-instruct/completions");
    assertThat(upstream.headers()).containsEntry("api-key", "az-test");
  }

  @Test
  void a_failed_native_deployment_falls_back_to_the_next_one() throws Exception {
    HttpResponse<String> r =
        post("fallback", "{\"model\":\"falling-back\",\"prompt\":[\"A\",\"B\"],\"echo\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
    assertThat(JSON.readTree(r.body()).path("choices").get(1).path("text").asText())
        .isEqualTo("B" + REPLY);
  }

  @Test
  void a_route_mixing_native_and_chat_deployments_falls_back_to_chat() throws Exception {
    HttpResponse<String> r = post("mixed", "{\"model\":\"mixed\",\"prompt\":\"Hi\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(lastUpstream().path()).isEqualTo("/v1/chat/completions");
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("object").asText()).isEqualTo("text_completion");
    assertThat(answer.path("choices").get(0).path("text").asText()).isEqualTo(REPLY);
  }

  @Test
  void native_only_settings_are_refused_on_a_route_that_is_not_all_native() throws Exception {
    for (String route : List.of("chat-only", "mixed")) {
      HttpResponse<String> r =
          post("refused-" + route, "{\"model\":\"" + route + "\",\"prompt\":[\"A\",\"B\"]}");
      assertThat(r.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("param").asText()).isEqualTo("prompt");
      assertThat(error.path("message").asText()).contains("completions: native");
    }
  }

  @Test
  void bad_input_gets_openai_errors_from_gantry_and_from_the_upstream() throws Exception {
    String[][] cases = {
      {"{\"model\":\"instruct\",\"prompt\":[1,2,3]}", "prompt"},
      {"{\"model\":\"instruct\",\"prompt\":[]}", "prompt"},
      {"{\"model\":\"instruct\",\"prompt\":42}", "prompt"},
      {"{\"model\":\"instruct\",\"prompt\":\"hi\",\"n\":\"two\"}", "n"},
      {"{\"model\":\"instruct\",\"prompt\":[\"a\",\"b\"],\"n\":100}", "n"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = post("bad", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("param").asText()).as(c[0]).isEqualTo(c[1]);
    }
    // Refused by the upstream itself (best_of below n): its 400 reaches the client as OpenAI's.
    HttpResponse<String> upstream =
        post("bad-upstream", "{\"model\":\"instruct\",\"prompt\":\"hi\",\"n\":3,\"best_of\":2}");
    assertThat(upstream.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(upstream.body()).path("error").path("message").asText())
        .contains("best_of");
    assertThatThrownBy(
            () ->
                client
                    .completions()
                    .create(
                        CompletionCreateParams.builder()
                            .model("instruct")
                            .prompt("hi")
                            .n(3)
                            .bestOf(2)
                            .build()))
        .isInstanceOf(BadRequestException.class);
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void guardrails_redact_the_prompt_sent_natively_and_block_the_answer() throws Exception {
    HttpResponse<String> redacted =
        post(
            "guard-redact",
            "{\"model\":\"guarded\",\"prompt\":\"I am ada.lovelace@example.com. Say hi.\"}");
    assertThat(redacted.statusCode()).as(redacted.body()).isEqualTo(200);
    Simulator.Received upstream = lastUpstream();
    assertThat(upstream.path()).isEqualTo("/v1/completions");
    assertThat(upstream.body().path("prompt").asText())
        .doesNotContain("ada.lovelace@example.com")
        .contains("Say hi.");

    HttpResponse<String> blocked =
        post(
            "guard-block",
            "{\"model\":\"guarded\",\"prompt\":\"Whom do I contact?\",\"max_tokens\":100}");
    assertThat(blocked.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(blocked.body()).path("error").path("code").asText()).isEqualTo("pii");
    assertThat(blocked.body()).doesNotContain("grace.hopper@example.com");

    HttpResponse<String> stream =
        post(
            "guard-stream",
            "{\"model\":\"guarded\",\"prompt\":\"Whom do I contact?\",\"max_tokens\":100,\"stream\":true}");
    List<SseFixtures.Event> events = SseFixtures.parse(stream.body());
    assertThat(JSON.readTree(events.get(0).data()).path("object").asText())
        .isEqualTo("text_completion");
    SseFixtures.Event last = events.get(events.size() - 1);
    assertThat(JSON.readTree(last.data()).path("error").path("code").asText())
        .as(stream.body())
        .isEqualTo("pii");
    assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
    assertThat(stream.body()).doesNotContain("grace.hopper@example.com");
    assertThat(AuditRecords.only(http, ADMIN, "guard-block").path("status").asInt()).isEqualTo(400);
  }
}
