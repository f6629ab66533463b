package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The official OpenAI Java SDK's Responses API, changed only in its base URL, against Gantry in
 * front of every kind of upstream the simulator speaks.
 */
class ResponsesSdkTest {
  static final List<String> ROUTES = UpstreamKinds.ROUTES;
  static final ObjectMapper JSON = new ObjectMapper();

  static Simulator sim;
  static Gateway gateway;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(UpstreamKinds.SCENARIO);
    gateway = GantryTestKit.gateway(UpstreamKinds.CONFIG, sim);
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

  private static String text(Response response) {
    StringBuilder out = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      item.message()
          .ifPresent(
              m -> m.content().forEach(c -> c.outputText().ifPresent(t -> out.append(t.text()))));
    }
    return out.toString();
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void answers_a_plain_request(String route) {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .instructions("Be brief.")
                    .input("Hello there")
                    .build());
    assertThat(response.id()).startsWith("resp_");
    assertThat(response.model().asString()).isEqualTo(route);
    assertThat(response.status())
        .hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
    assertThat(text(response)).isEqualTo("Hello from the simulator, friend.");
    assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
    assertThat(response.usage().orElseThrow().inputTokens()).isPositive();
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void streams_the_documented_event_sequence(String route) {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(ResponseCreateParams.builder().model(route).input("Hello").build())) {
      stream.stream().forEach(events::add);
    }
    List<String> types = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    long expectedSequence = 0;
    for (ResponseStreamEvent e : events) {
      JsonNode json = JSON.valueToTree(e);
      types.add(json.path("type").asText());
      assertThat(json.path("sequence_number").asLong()).isEqualTo(expectedSequence++);
      e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
    }
    assertThat(types.subList(0, 4))
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added");
    assertThat(types.subList(types.size() - 4, types.size()))
        .containsExactly(
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertThat(types.subList(4, types.size() - 4)).containsOnly("response.output_text.delta");
    assertThat(text.toString()).isEqualTo("Hello from the simulator, friend.");
    Response completed = events.get(events.size() - 1).asCompleted().response();
    assertThat(text(completed)).isEqualTo("Hello from the simulator, friend.");
    assertThat(completed.usage()).isPresent();
    String itemId = events.get(2).asOutputItemAdded().item().asMessage().id();
    assertThat(events.get(events.size() - 2).asOutputItemDone().item().asMessage().id())
        .isEqualTo(itemId);
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void calls_a_function_then_continues_with_its_output(String route) {
    FunctionTool weather =
        FunctionTool.builder()
            .name("get_weather")
            .description("Weather for a city")
            .parameters(
                FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty(
                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .build())
            .strict(false)
            .build();
    Response first =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .input("What is the weather in Paris?")
                    .addTool(weather)
                    .build());
    ResponseFunctionToolCall call =
        first.output().stream()
            .filter(ResponseOutputItem::isFunctionCall)
            .findFirst()
            .orElseThrow()
            .asFunctionCall();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).contains("Paris");

    Response second =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .previousResponseId(first.id())
                    .inputOfResponse(
                        List.of(
                            ResponseInputItem.ofFunctionCallOutput(
                                ResponseInputItem.FunctionCallOutput.builder()
                                    .callId(call.callId())
                                    .output("18 degrees and sunny")
                                    .build())))
                    .addTool(weather)
                    .build());
    assertThat(second.status().orElseThrow().asString()).isEqualTo("completed");
    JsonNode upstream = sim.received().get(sim.received().size() - 1).body();
    assertThat(upstream.toString()).contains("18 degrees and sunny").contains("get_weather");
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void streams_function_call_arguments(String route) throws Exception {
    List<String> types = new ArrayList<>();
    StringBuilder arguments = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model(route)
                    .input("weather in Paris?")
                    .addTool(
                        FunctionTool.builder()
                            .name("get_weather")
                            .parameters(
                                FunctionTool.Parameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .build())
                            .strict(false)
                            .build())
                    .build())) {
      stream.stream()
          .forEach(
              e -> {
                types.add(JSON.valueToTree(e).path("type").asText());
                e.functionCallArgumentsDelta().ifPresent(d -> arguments.append(d.delta()));
              });
    }
    assertThat(types).contains("response.function_call_arguments.delta");
    assertThat(types.subList(types.size() - 3, types.size()))
        .containsExactly(
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    assertThat(JSON.readTree(arguments.toString()).path("city").asText()).isEqualTo("Paris");
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void returns_structured_output_for_a_json_schema(String route) throws Exception {
    Response response =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .input("Answer as JSON please")
                    .text(
                        ResponseTextConfig.builder()
                            .format(
                                ResponseFormatTextJsonSchemaConfig.builder()
                                    .name("answer")
                                    .schema(
                                        ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                            .putAdditionalProperty("type", JsonValue.from("object"))
                                            .build())
                                    .build())
                            .build())
                    .build());
    assertThat(JSON.readTree(text(response)).path("answer").asInt()).isEqualTo(42);
    assertThat(response.text().orElseThrow().format().orElseThrow().isJsonSchema()).isTrue();
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void continues_a_conversation_with_previous_response_id(String route) {
    Response first =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .input("Remember the word pelican.")
                    .build());
    Response second =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(route)
                    .previousResponseId(first.id())
                    .input("what did I say before?")
                    .build());
    assertThat(second.previousResponseId()).hasValue(first.id());
    JsonNode upstream = sim.received().get(sim.received().size() - 1).body();
    assertThat(upstream.toString())
        .contains("Remember the word pelican.")
        .contains("Hello from the simulator, friend.")
        .contains("what did I say before?");
    assertThat(client.responses().retrieve(second.id()).id()).isEqualTo(second.id());
  }

  @Test
  void deleted_responses_are_gone_and_cannot_be_continued() {
    Response first =
        client
            .responses()
            .create(ResponseCreateParams.builder().model("openai").input("Hi").build());
    client.responses().delete(first.id());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.responses().retrieve(first.id()))
        .isInstanceOf(com.openai.errors.NotFoundException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                client
                    .responses()
                    .create(
                        ResponseCreateParams.builder()
                            .model("openai")
                            .previousResponseId(first.id())
                            .input("again")
                            .build()))
        .isInstanceOf(com.openai.errors.NotFoundException.class);
  }

  @Test
  void a_response_with_store_false_is_not_kept() {
    Response r =
        client
            .responses()
            .create(
                ResponseCreateParams.builder().model("openai").input("Hi").store(false).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.responses().retrieve(r.id()))
        .isInstanceOf(com.openai.errors.NotFoundException.class);
  }

  @Test
  void gemini_embeddings_come_back_as_an_openai_embeddings_list() {
    var result =
        client
            .embeddings()
            .create(
                com.openai.models.embeddings.EmbeddingCreateParams.builder()
                    .model("gemini-embedding")
                    .inputOfArrayOfStrings(List.of("first text", "second text"))
                    .dimensions(8)
                    .build());
    assertThat(result.data()).hasSize(2);
    assertThat(result.data().get(0).embedding()).hasSize(8);
    assertThat(result.data().get(0).embedding()).isNotEqualTo(result.data().get(1).embedding());
    assertThat(result.usage().promptTokens()).isPositive();
    JsonNode upstream = sim.received().get(sim.received().size() - 1).body();
    assertThat(upstream.path("requests")).hasSize(2);
  }
}
