package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI Java SDK, changed only in its base URL, against Gantry in front of the
 * simulator's OpenAI endpoint ({@code gpt-4o-mini}) and its Anthropic endpoint ({@code
 * claude-haiku}).
 */
class OpenAiSdkCompatibilityTest {
  static final String SCENARIO =
      "rules:\n"
          + "  - match: {contains: weather}\n"
          + "    tool_call: {name: get_weather, arguments: {city: Paris}}\n"
          + "  - match: {regex: '(?i)json'}\n"
          + "    json: {answer: 42, ok: true}\n"
          + "default_reply: Hello from the simulator, friend.\n";

  static final String CONFIG =
      "server: {port: 0}\n"
          + "providers:\n"
          + "  sim: {type: openai_compatible, base_url: '${SIM_URL}/v1'}\n"
          + "  claude: {type: anthropic, base_url: '${SIM_URL}', api_key: ak-test}\n"
          + "routes:\n"
          + "  gpt-4o-mini: {deployments: [{provider: sim, model: gpt-4o-mini}]}\n"
          + "  claude-haiku: {deployments: [{provider: claude, model: claude-3-5-haiku}]}\n"
          + "  text-embedding-3-small: {deployments: [{provider: sim, model: text-embedding-3-small}]}\n";

  static Simulator sim;
  static Gateway gateway;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(SCENARIO);
    gateway = GantryTestKit.gateway(CONFIG, sim);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(gateway.baseUrl() + "/v1")
            .apiKey("sk-anything")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    sim.close();
  }

  private static ChatCompletionCreateParams.Builder ask(String model, String question) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o-mini", "claude-haiku"})
  void answers_a_plain_question(String model) {
    ChatCompletion completion =
        client.chat().completions().create(ask(model, "Say something nice.").build());
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content())
        .contains("Hello from the simulator, friend.");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage()).isPresent();
    assertThat(completion.usage().get().promptTokens()).isPositive();
    assertThat(completion.usage().get().completionTokens()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o-mini", "claude-haiku"})
  void streams_a_reply_that_reassembles_with_usage(String model) {
    StringBuilder text = new StringBuilder();
    long[] usage = {0};
    String[] finish = {null};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                ask(model, "Say something nice.")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
                for (ChatCompletionChunk.Choice c : chunk.choices()) {
                  c.delta().content().ifPresent(text::append);
                  c.finishReason().ifPresent(f -> finish[0] = f.asString());
                }
              });
    }
    assertThat(text.toString()).isEqualTo("Hello from the simulator, friend.");
    assertThat(finish[0]).isEqualTo("stop");
    assertThat(usage[0]).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o-mini", "claude-haiku"})
  void streams_tool_call_arguments_that_concatenate_to_json(String model) throws Exception {
    ChatCompletionFunctionTool tool =
        ChatCompletionFunctionTool.builder()
            .function(
                FunctionDefinition.builder()
                    .name("get_weather")
                    .description("Weather for a city")
                    .parameters(
                        FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty(
                                "properties",
                                JsonValue.from(Map.of("city", Map.of("type", "string"))))
                            .build())
                    .build())
            .build();
    Map<Long, StringBuilder> arguments = new TreeMap<>();
    Map<Long, String> names = new TreeMap<>();
    String[] finish = {null};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(ask(model, "What is the weather in Paris?").addTool(tool).build())) {
      stream.stream()
          .forEach(
              chunk -> {
                for (ChatCompletionChunk.Choice c : chunk.choices()) {
                  c.finishReason().ifPresent(f -> finish[0] = f.asString());
                  for (ChatCompletionChunk.Choice.Delta.ToolCall call :
                      c.delta().toolCalls().orElse(List.of())) {
                    call.function()
                        .ifPresent(
                            f -> {
                              f.name().ifPresent(n -> names.put(call.index(), n));
                              f.arguments()
                                  .ifPresent(
                                      a ->
                                          arguments
                                              .computeIfAbsent(
                                                  call.index(), k -> new StringBuilder())
                                              .append(a));
                            });
                  }
                }
              });
    }
    assertThat(names).containsEntry(0L, "get_weather");
    JsonNode args = new ObjectMapper().readTree(arguments.get(0L).toString());
    assertThat(args.path("city").asText()).isEqualTo("Paris");
    assertThat(finish[0]).isEqualTo("tool_calls");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o-mini", "claude-haiku"})
  void answers_in_json_mode(String model) throws Exception {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                ask(model, "Reply in JSON please.")
                    .responseFormat(ResponseFormatJsonObject.builder().build())
                    .build());
    JsonNode json =
        new ObjectMapper().readTree(completion.choices().get(0).message().content().orElseThrow());
    assertThat(json.path("answer").asInt()).isEqualTo(42);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4o-mini", "claude-haiku"})
  void answers_with_a_json_schema_response_format(String model) throws Exception {
    com.openai.models.ResponseFormatJsonSchema format =
        com.openai.models.ResponseFormatJsonSchema.builder()
            .jsonSchema(
                com.openai.models.ResponseFormatJsonSchema.JsonSchema.builder()
                    .name("answer")
                    .schema(
                        com.openai.models.ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty(
                                "properties",
                                JsonValue.from(Map.of("answer", Map.of("type", "integer"))))
                            .build())
                    .build())
            .build();
    sim.clearReceived();
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(ask(model, "Reply in JSON please.").responseFormat(format).build());
    JsonNode json =
        new ObjectMapper().readTree(completion.choices().get(0).message().content().orElseThrow());
    assertThat(json.path("answer").asInt()).isEqualTo(42);
    JsonNode sent = sim.received().get(0).body();
    if (model.startsWith("gpt")) {
      assertThat(sent.path("response_format").path("json_schema").path("name").asText())
          .isEqualTo("answer");
    } else {
      assertThat(sent.path("system").toString()).contains("answer");
    }
  }

  @Test
  void creates_embeddings() {
    CreateEmbeddingResponse response =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small")
                    .input("hello world")
                    .build());
    assertThat(response.data()).hasSize(1);
    assertThat(response.data().get(0).embedding()).isNotEmpty();
  }

  @Test
  void unknown_model_is_a_typed_not_found_error() {
    assertThatThrownBy(() -> client.chat().completions().create(ask("no-such-model", "hi").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage()).contains("no-such-model");
            });
  }

  @Test
  void invalid_parameter_is_a_typed_bad_request_error() {
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(ask("gpt-4o-mini", "hi").temperature(5.0).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.getMessage()).contains("temperature"));
  }

  @Test
  void lists_the_configured_models() {
    assertThat(client.models().list().data())
        .extracting(m -> m.id())
        .containsExactly("gpt-4o-mini", "claude-haiku", "text-embedding-3-small");
    assertThat(client.models().retrieve("claude-haiku").id()).isEqualTo("claude-haiku");
    assertThatThrownBy(() -> client.models().retrieve("nope"))
        .isInstanceOf(NotFoundException.class);
  }
}
