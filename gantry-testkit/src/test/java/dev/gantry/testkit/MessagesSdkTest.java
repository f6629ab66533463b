package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The official Anthropic Java SDK, changed only in its base URL, against Gantry's {@code
 * /v1/messages} in front of every kind of upstream the simulator speaks.
 */
class MessagesSdkTest {
  static final List<String> ROUTES = UpstreamKinds.ROUTES;
  static final ObjectMapper JSON = new ObjectMapper();

  static Simulator sim;
  static Gateway gateway;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(UpstreamKinds.SCENARIO);
    gateway = GantryTestKit.gateway(UpstreamKinds.CONFIG, sim);
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(gateway.baseUrl())
            .apiKey("sk-ant-anything")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    sim.close();
  }

  private static String text(Message message) {
    StringBuilder out = new StringBuilder();
    for (ContentBlock block : message.content()) {
      block.text().ifPresent(t -> out.append(t.text()));
    }
    return out.toString();
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void answers_a_plain_request(String route) {
    Message message =
        client
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model(route)
                    .maxTokens(200)
                    .system("Be brief.")
                    .addUserMessage("Hello there")
                    .build());
    assertThat(text(message)).isEqualTo("Hello from the simulator, friend.");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(message.model().asString()).isEqualTo(route);
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void streams_the_anthropic_event_sequence(String route) {
    List<String> types = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client
            .messages()
            .createStreaming(
                MessageCreateParams.builder()
                    .model(route)
                    .maxTokens(200)
                    .addUserMessage("Hello")
                    .build())) {
      stream.stream()
          .forEach(
              e -> {
                types.add(JSON.valueToTree(e).path("type").asText());
                e.contentBlockDelta()
                    .flatMap(d -> d.delta().text())
                    .ifPresent(t -> text.append(t.text()));
              });
    }
    // The SDK drops ping events; the recorded sequences in StreamSequenceTest include them.
    assertThat(types.subList(0, 2)).containsExactly("message_start", "content_block_start");
    assertThat(types.subList(types.size() - 3, types.size()))
        .containsExactly("content_block_stop", "message_delta", "message_stop");
    assertThat(types.subList(2, types.size() - 3)).containsOnly("content_block_delta");
    assertThat(text.toString()).isEqualTo("Hello from the simulator, friend.");
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void calls_tools(String route) {
    Message message =
        client
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model(route)
                    .maxTokens(200)
                    .addTool(
                        Tool.builder()
                            .name("get_weather")
                            .inputSchema(
                                Tool.InputSchema.builder()
                                    .properties(
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                    .build())
                            .build())
                    .addUserMessage("What is the weather in Paris?")
                    .build());
    ToolUseBlock use =
        message.content().stream()
            .filter(ContentBlock::isToolUse)
            .findFirst()
            .orElseThrow()
            .asToolUse();
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(JSON.valueToTree(use._input()).path("city").asText()).isEqualTo("Paris");
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
  }

  @ParameterizedTest
  @FieldSource("ROUTES")
  void counts_tokens(String route) {
    MessageTokensCount count =
        client
            .messages()
            .countTokens(
                MessageCountTokensParams.builder()
                    .model(route)
                    .addUserMessage("How many tokens is this sentence?")
                    .build());
    assertThat(count.inputTokens()).isBetween(5L, 40L);
  }
}
