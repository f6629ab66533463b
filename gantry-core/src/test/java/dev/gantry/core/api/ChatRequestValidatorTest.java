package dev.gantry.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestValidatorTest {
  static ChatRequest valid(String json) {
    return ChatRequestValidator.validate(Json.parseObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  static ApiError invalid(String json) {
    try {
      valid(json);
    } catch (ApiException e) {
      return e.error();
    }
    throw new AssertionError("expected a 400 for " + json);
  }

  @Test
  void reads_model_messages_stream_and_usage_option() {
    ChatRequest r =
        valid(
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}");
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
    assertThat(r.lastUserMessage().text()).isEqualTo("a\nb");
  }

  @Test
  void accepts_tool_round_trips_and_assistant_without_content() {
    valid(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"w?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"sunny\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
            + "\"tool_choice\":\"auto\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":{}}}}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model|missing_required_parameter",
        "{\"model\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model|invalid_type",
        "{\"model\":\"m\"}|messages|missing_required_parameter",
        "{\"model\":\"m\",\"messages\":[]}|messages|empty_array",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}|messages[0].role|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}|messages[0].content|invalid_type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}|messages[0].content|missing_required_parameter",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|messages[0].tool_call_id|missing_required_parameter",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}|messages[0].content[0].type|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}|temperature|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}|temperature|invalid_type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":1.5}|n|invalid_type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}|stream|invalid_type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{}}|stream_options|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}|stop|array_above_max_length",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":{\"k\":1}}|metadata.k|invalid_type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\"}]}|tools[0].function|missing_required_parameter",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":\"sometimes\"}|tool_choice|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"yaml\"}}|response_format.type|invalid_value",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"json_schema\"}}|response_format.json_schema|missing_required_parameter",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"user\":42}|user|invalid_type"
      })
  void rejects_with_the_parameter_and_code(String json, String param, String code) {
    ApiError error = invalid(json);
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.type()).isEqualTo("invalid_request_error");
    assertThat(error.param()).isEqualTo(param);
    assertThat(error.code()).isEqualTo(code);
  }

  @Test
  void unknown_fields_are_kept_for_forwarding() {
    ChatRequest r =
        valid(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"vendor\":{\"a\":[1]}}");
    assertThat(r.json().path("vendor").path("a").get(0).asInt()).isEqualTo(1);
  }

  @Test
  void copies_are_independent_of_the_original() {
    ChatRequest r = valid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    ObjectNode copy = r.copyJson();
    copy.put("model", "changed");
    assertThat(r.json().path("model").asText()).isEqualTo("m");
  }

  @Test
  void json_parser_rejects_deep_nesting_and_trailing_garbage() {
    String deep = "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}";
    assertThatThrownBy(() -> Json.parseObject(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error().code()).isEqualTo("json_too_deep"));
    assertThat(
            Json.parseObject("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)).get("a").asInt())
        .as("a duplicate key keeps its last value, which is what gets forwarded")
        .isEqualTo(2);
    assertThatThrownBy(() -> Json.parseObject("{\"a\":1} x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> Json.parseObject(new byte[0])).isInstanceOf(ApiException.class);
  }

  @Test
  void errors_serialise_in_the_openai_shape() {
    String json = Json.toString(ApiError.invalid("bad", "messages", "invalid_type").toJson());
    assertThat(json)
        .isEqualTo(
            "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"invalid_type\"}}");
  }
}
