package dev.gantry.gateway.providers;

import static dev.gantry.gateway.providers.OpenAiToAnthropicRequestTest.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiToAnthropicResponseTest {
  private static final long NOW = 1_700_000_000L;
  private final OpenAiToAnthropicTranslator translator =
      new OpenAiToAnthropicTranslator(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  private final ChatRequest original =
      chat("{\"model\":\"public-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

  static byte[] fixture(String name) {
    try (InputStream in =
        OpenAiToAnthropicResponseTest.class.getResourceAsStream("/anthropic/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The node as it reads on the wire (so int and long numbers compare equal). */
  private static JsonNode wire(JsonNode node) {
    return Json.tryParse(Json.toBytes(node));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void text_message_becomes_chat_completion() {
    ObjectNode out = translator.response(fixture("message_text.json"), original);

    assertThat(wire(out))
        .isEqualTo(
            Json.tryParse(
                utf8(
                    """
                    {"id":"chatcmpl-msg_013Zva2CMHLNnXjNJJKqJ2EF","object":"chat.completion",
                     "created":1700000000,"model":"claude-sonnet-4-20250514",
                     "choices":[{"index":0,
                       "message":{"role":"assistant","content":"Hi! My name is Claude.",
                                  "refusal":null},
                       "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":12,"total_tokens":22}}""")));
  }

  @Test
  void tool_use_message_becomes_tool_calls_with_cache_tokens_counted_as_prompt() {
    ObjectNode out = translator.response(fixture("message_tool_use.json"), original);
    JsonNode choice = out.get("choices").get(0);

    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.get("message").get("content").asText())
        .isEqualTo("I'll check the current weather in San Francisco for you.");
    assertThat(choice.get("message").get("tool_calls"))
        .isEqualTo(
            Json.tryParse(
                utf8(
                    """
                    [{"id":"toolu_01A09q90qw90lq917835lq9","type":"function",
                      "function":{"name":"get_weather",
                        "arguments":"{\\"location\\":\\"San Francisco, CA\\",\\"unit\\":\\"celsius\\"}"}}]""")));
    assertThat(wire(out.get("usage")))
        .isEqualTo(
            Json.tryParse(
                utf8(
                    """
                    {"prompt_tokens":8095,"completion_tokens":503,"total_tokens":8598,
                     "prompt_tokens_details":{"cached_tokens":5000},
                     "cache_read_input_tokens":5000,"cache_creation_input_tokens":1000}""")));
  }

  @Test
  void message_with_only_tool_use_has_null_content() {
    ObjectNode out =
        translator.response(
            utf8(
                """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude",
                 "content":[{"type":"tool_use","id":"t","name":"f","input":{}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":2}}"""),
            original);

    JsonNode message = out.get("choices").get(0).get("message");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.get("tool_calls").get(0).get("function").get("arguments").asText())
        .isEqualTo("{}");
  }

  @Test
  void message_without_tool_use_has_no_tool_calls_field() {
    ObjectNode out = translator.response(fixture("message_text.json"), original);

    assertThat(out.get("choices").get(0).get("message").has("tool_calls")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "end_turn, stop",
    "stop_sequence, stop",
    "max_tokens, length",
    "tool_use, tool_calls",
    "pause_turn, stop",
    "refusal, content_filter"
  })
  void stop_reason_maps_to_finish_reason(String stopReason, String finishReason) {
    ObjectNode out =
        translator.response(
            utf8(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"model\":\"claude\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                    + "\"stop_reason\":\""
                    + stopReason
                    + "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"),
            original);

    assertThat(out.get("choices").get(0).get("finish_reason").asText()).isEqualTo(finishReason);
  }

  @Test
  void non_json_body_is_an_invalid_upstream_response() {
    assertThatThrownBy(() -> translator.response(utf8("<html>oops</html>"), original))
        .isInstanceOfSatisfying(
            UpstreamFailure.class,
            f -> {
              assertThat(f.error().status()).isEqualTo(502);
              assertThat(f.error().code()).isEqualTo("upstream_invalid_response");
            });
  }

  @Test
  void json_without_content_is_an_invalid_upstream_response() {
    assertThatThrownBy(
            () -> translator.response(utf8("{\"id\":\"msg_1\",\"type\":\"message\"}"), original))
        .isInstanceOfSatisfying(
            UpstreamFailure.class,
            f -> assertThat(f.error().code()).isEqualTo("upstream_invalid_response"));
  }

  @Test
  void error_object_in_a_2xx_body_is_mapped_like_an_error() {
    assertThatThrownBy(
            () ->
                translator.response(
                    utf8(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                            + "\"message\":\"Overloaded\"}}"),
                    original))
        .isInstanceOfSatisfying(
            UpstreamFailure.class, f -> assertThat(f.error().status()).isEqualTo(503));
  }

  @Test
  void invalid_request_error_body_keeps_400_and_anthropic_message() {
    ApiError error =
        translator.error(
            400,
            utf8(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"max_tokens: 100000 > 64000\"}}"));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.type()).isEqualTo("upstream_error");
    assertThat(error.message()).isEqualTo("max_tokens: 100000 > 64000");
    assertThat(error.code()).isEqualTo("invalid_request_error");
  }

  @Test
  void authentication_error_body_becomes_502_for_the_client() {
    ApiError error =
        translator.error(
            401,
            utf8(
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                    + "\"message\":\"invalid x-api-key\"}}"));

    assertThat(error.status()).isEqualTo(502);
    assertThat(error.code()).isEqualTo("upstream_auth_failed");
    assertThat(error.message()).contains("invalid x-api-key");
  }

  @Test
  void overloaded_529_body_becomes_503() {
    ApiError error =
        translator.error(
            529,
            utf8(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"Overloaded\"}}"));

    assertThat(error.status()).isEqualTo(503);
    assertThat(error.message()).isEqualTo("Overloaded");
  }

  @Test
  void non_json_error_body_keeps_only_the_status() {
    ApiError error = translator.error(429, utf8("Too Many Requests"));

    assertThat(error.status()).isEqualTo(429);
    assertThat(error.message()).isEqualTo("upstream returned HTTP 429");
    assertThat(error.code()).isEqualTo("upstream_rate_limited");
  }
}
