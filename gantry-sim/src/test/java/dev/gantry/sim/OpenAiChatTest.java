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

class OpenAiChatTest {
  private static final String SCENARIO =
      """
      chunk_tokens: 1
      rules:
        - match: {contains: "weather"}
          tool_call: {name: get_weather, arguments: {city: "Paris", unit: "celsius"}}
        - match: {regex: "(?i)json"}
          json: {answer: 42, ok: true}
        - match: {contains: "long"}
          reply: "one two three four five six seven eight nine ten"
        - match: {contains: "hi", model: special-model}
          reply: "Special hello."
      """;

  private static Simulator sim;
  private static SimClient client;
  private static final TokenCounter TOKENS = TokenCounter.defaultCounter();

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

  @Test
  void answers_instantly_with_the_default_reply_and_real_token_counts() {
    sim.scenario(Scenario.instant());
    String prompt = "Tell me something about the simulator.";
    HttpResponse<String> response =
        client.post("/v1/chat/completions", SimClient.chat("gpt-4o-mini", prompt, ""));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    ObjectNode body = SimClient.json(response);
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(choice.get("message").get("content").asText())
        .isEqualTo("This is a simulated reply.");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.get("usage");
    int completion = TOKENS.count("This is a simulated reply.");
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(TOKENS.count(prompt));
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(completion).isPositive();
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(TOKENS.count(prompt) + completion);
  }

  @Test
  void counts_prompt_tokens_over_all_messages_including_content_parts() {
    String body =
        """
        {"model":"m","messages":[
          {"role":"system","content":"You are terse."},
          {"role":"user","content":[{"type":"text","text":"First part."},{"type":"text","text":" Second."}]}
        ]}""";
    ObjectNode response = SimClient.json(client.post("/v1/chat/completions", body));

    assertThat(response.get("usage").get("prompt_tokens").asInt())
        .isEqualTo(TOKENS.count("You are terse.") + TOKENS.count("First part. Second."));
  }

  @Test
  void streams_chunks_that_reassemble_to_the_reply_and_end_with_done() {
    HttpResponse<String> response =
        client.post(
            "/v1/chat/completions",
            SimClient.chat("gpt-4o-mini", "a long one please", "\"stream\":true"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow())
        .startsWith("text/event-stream");
    List<SimClient.Sse> events = SimClient.events(response.body());
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (SimClient.Sse event : events.subList(0, events.size() - 1)) {
      JsonNode chunk = event.json();
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("id").asText()).startsWith("chatcmpl-");
      assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(chunk.has("usage")).isFalse();
      JsonNode choice = chunk.get("choices").get(0);
      assertThat(choice.get("index").asInt()).isZero();
      assertThat(choice.has("logprobs")).isTrue();
      text.append(choice.get("delta").path("content").asText(""));
      if (!choice.get("finish_reason").isNull()) {
        finish = choice.get("finish_reason").asText();
      }
    }
    assertThat(events.get(0).json().get("choices").get(0).get("delta").get("role").asText())
        .isEqualTo("assistant");
    assertThat(text.toString()).isEqualTo("one two three four five six seven eight nine ten");
    assertThat(events.size()).isGreaterThanOrEqualTo(10 + 3);
    assertThat(finish).isEqualTo("stop");
  }

  @Test
  void sends_a_final_usage_chunk_with_empty_choices_when_include_usage_is_set() {
    HttpResponse<String> response =
        client.post(
            "/v1/chat/completions",
            SimClient.chat(
                "gpt-4o-mini",
                "hello there",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    List<SimClient.Sse> events = SimClient.events(response.body());
    JsonNode usageChunk = events.get(events.size() - 2).json();
    assertThat(usageChunk.get("choices").isEmpty()).isTrue();
    assertThat(usageChunk.get("usage").get("prompt_tokens").asInt())
        .isEqualTo(TOKENS.count("hello there"));
    assertThat(usageChunk.get("usage").get("completion_tokens").asInt())
        .isEqualTo(TOKENS.count("This is a simulated reply."));
    assertThat(events.get(0).json().get("usage").isNull()).isTrue();
  }

  @Test
  void answers_a_tool_call_rule_with_tool_calls_and_finish_reason_tool_calls() {
    ObjectNode body =
        SimClient.json(
            client.post(
                "/v1/chat/completions", SimClient.chat("gpt-4o", "what's the weather?", "")));

    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.get("message").get("content").isNull()).isTrue();
    JsonNode call = choice.get("message").get("tool_calls").get(0);
    assertThat(call.get("id").asText()).startsWith("call_");
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.get("function").get("name").asText()).isEqualTo("get_weather");
    String arguments = call.get("function").get("arguments").asText();
    assertThat(Json.tryParse(arguments.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Json.MAPPER.createObjectNode().put("city", "Paris").put("unit", "celsius"));
    assertThat(body.get("usage").get("completion_tokens").asInt())
        .isEqualTo(TOKENS.count(arguments));
  }

  @Test
  void streams_tool_call_arguments_in_fragments() {
    HttpResponse<String> response =
        client.post(
            "/v1/chat/completions",
            SimClient.chat("gpt-4o", "weather in Paris?", "\"stream\":true"));

    List<SimClient.Sse> events = SimClient.events(response.body());
    JsonNode first = events.get(0).json().get("choices").get(0).get("delta");
    JsonNode head = first.get("tool_calls").get(0);
    assertThat(head.get("index").asInt()).isZero();
    assertThat(head.get("id").asText()).startsWith("call_");
    assertThat(head.get("type").asText()).isEqualTo("function");
    assertThat(head.get("function").get("name").asText()).isEqualTo("get_weather");
    assertThat(head.get("function").get("arguments").asText()).isEmpty();

    StringBuilder arguments = new StringBuilder();
    int fragments = 0;
    String finish = null;
    for (SimClient.Sse event : events.subList(1, events.size() - 1)) {
      JsonNode choice = event.json().get("choices").get(0);
      JsonNode calls = choice.get("delta").get("tool_calls");
      if (calls != null) {
        assertThat(calls.get(0).has("id")).isFalse();
        arguments.append(calls.get(0).get("function").get("arguments").asText());
        fragments++;
      }
      if (!choice.get("finish_reason").isNull()) {
        finish = choice.get("finish_reason").asText();
      }
    }
    assertThat(fragments).isGreaterThan(2);
    assertThat(arguments.toString()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
    assertThat(finish).isEqualTo("tool_calls");
  }

  @Test
  void answers_a_json_rule_with_the_json_text_as_content() {
    ObjectNode body =
        SimClient.json(
            client.post("/v1/chat/completions", SimClient.chat("m", "reply in JSON", "")));

    String content = body.get("choices").get(0).get("message").get("content").asText();
    assertThat(Json.tryParse(content.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Json.MAPPER.createObjectNode().put("answer", 42).put("ok", true));
  }

  @Test
  void restricts_a_rule_to_its_model() {
    String other =
        SimClient.json(client.post("/v1/chat/completions", SimClient.chat("m", "hi", "")))
            .get("choices")
            .get(0)
            .get("message")
            .get("content")
            .asText();
    String special =
        SimClient.json(
                client.post("/v1/chat/completions", SimClient.chat("special-model", "hi", "")))
            .get("choices")
            .get(0)
            .get("message")
            .get("content")
            .asText();

    assertThat(other).isEqualTo("This is a simulated reply.");
    assertThat(special).isEqualTo("Special hello.");
  }

  @Test
  void returns_n_choices_and_counts_completion_tokens_for_each() {
    ObjectNode body =
        SimClient.json(client.post("/v1/chat/completions", SimClient.chat("m", "x", "\"n\":3")));

    assertThat(body.get("choices")).hasSize(3);
    assertThat(body.get("choices").get(2).get("index").asInt()).isEqualTo(2);
    assertThat(body.get("usage").get("completion_tokens").asInt())
        .isEqualTo(3 * TOKENS.count("This is a simulated reply."));
  }

  @Test
  void cuts_the_reply_at_max_tokens_with_finish_reason_length() {
    ObjectNode body =
        SimClient.json(
            client.post("/v1/chat/completions", SimClient.chat("m", "long", "\"max_tokens\":3")));

    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
    assertThat(choice.get("message").get("content").asText()).isEqualTo("one two three");
    assertThat(body.get("usage").get("completion_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void cuts_the_reply_before_a_stop_sequence() {
    ObjectNode body =
        SimClient.json(
            client.post(
                "/v1/chat/completions", SimClient.chat("m", "long", "\"stop\":[\" four\"]")));

    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("message").get("content").asText()).isEqualTo("one two three");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void rejects_invalid_json_with_an_openai_error() {
    HttpResponse<String> response = client.post("/v1/chat/completions", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = SimClient.json(response).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @Test
  void rejects_missing_messages_naming_the_field() {
    HttpResponse<String> response = client.post("/v1/chat/completions", "{\"model\":\"m\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(response).get("error").get("param").asText()).isEqualTo("messages");
  }

  @Test
  void answers_unknown_paths_with_404_and_wrong_methods_with_405() {
    assertThat(client.get("/v1/nothing").statusCode()).isEqualTo(404);
    assertThat(client.get("/v1/chat/completions").statusCode()).isEqualTo(405);
  }

  @Test
  void requires_the_scenario_key_as_bearer_or_api_key_header() {
    sim.scenario(Scenario.parse("auth: {openai_key: sk-test}"));
    String body = SimClient.chat("m", "x", "");

    HttpResponse<String> missing = client.post("/v1/chat/completions", body);
    HttpResponse<String> wrong =
        client.post("/v1/chat/completions", body, "authorization", "Bearer nope");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(missing).get("error").get("code").asText())
        .isEqualTo("invalid_api_key");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(
            client
                .post("/v1/chat/completions", body, "authorization", "Bearer sk-test")
                .statusCode())
        .isEqualTo(200);
    assertThat(client.post("/v1/chat/completions", body, "api-key", "sk-test").statusCode())
        .isEqualTo(200);
  }

  @Test
  void lists_scenario_models_and_defaults() {
    sim.scenario(
        Scenario.parse(
            """
            models: [my-model]
            rules:
              - match: {contains: x, model: rule-model}
                reply: y
            """));

    JsonNode body = SimClient.json(client.get("/v1/models"));

    assertThat(body.get("object").asText()).isEqualTo("list");
    List<String> ids = body.get("data").findValuesAsText("id").stream().toList();
    assertThat(ids).startsWith("my-model", "rule-model").contains("gpt-4o-mini");
    assertThat(body.get("data").get(0).get("object").asText()).isEqualTo("model");
  }

  @Test
  void streams_every_choice_when_n_is_above_one() {
    HttpResponse<String> response =
        client.post("/v1/chat/completions", SimClient.chat("m", "long", "\"n\":2,\"stream\":true"));

    StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
    for (SimClient.Sse event : SimClient.events(response.body())) {
      if (!event.data().equals("[DONE]")) {
        JsonNode choice = event.json().get("choices").get(0);
        texts[choice.get("index").asInt()].append(choice.get("delta").path("content").asText(""));
      }
    }

    assertThat(texts[0].toString()).isEqualTo("one two three four five six seven eight nine ten");
    assertThat(texts[1].toString()).isEqualTo(texts[0].toString());
  }
}
