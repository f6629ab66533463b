package dev.gantry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.InvisiblePolicy;
import dev.gantry.core.config.SanitizeConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SanitizerLimitsTest {
  static final SanitizeConfig D = SanitizeConfig.DEFAULTS;

  static Sanitizer limits(int messages, int messageChars, int totalChars, int depth) {
    return new Sanitizer(
        new SanitizeConfig(
            messages,
            messageChars,
            totalChars,
            depth,
            D.allowedRoles(),
            D.allowedContentPartTypes(),
            D.invisible()));
  }

  static ApiError rejected(SanitizeResult result) {
    assertThat(result).isInstanceOf(SanitizeResult.Rejected.class);
    ApiError error = ((SanitizeResult.Rejected) result).error();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.type()).isEqualTo("invalid_request_error");
    assertThat(((SanitizeResult.Rejected) result).findings()).isEmpty();
    return error;
  }

  @Test
  void max_messages_accepts_the_limit_and_rejects_one_more() {
    Sanitizer s = limits(3, 100, 100, 32);
    assertThat(s.inspect(Bodies.user("a", "b", "c"))).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(s.inspect(Bodies.user("a", "b", "c", "d")));
    assertThat(error.param()).isEqualTo("messages");
    assertThat(error.code()).isEqualTo("array_above_max_length");
    assertThat(error.message())
        .isEqualTo(
            "Invalid 'messages': array too long. Expected an array with maximum length 3"
                + " (sanitize.max_messages), but got an array with length 4 instead.");
  }

  @Test
  void max_messages_is_checked_before_any_text_is_read() {
    // The second message is also too long; the count is reported because it is checked first.
    ApiError error = rejected(limits(1, 5, 5, 32).inspect(Bodies.user("a", "too long")));
    assertThat(error.code()).isEqualTo("array_above_max_length");
  }

  @Test
  void max_message_chars_accepts_the_limit_and_rejects_one_more() {
    Sanitizer s = limits(10, 5, 100, 32);
    assertThat(s.inspect(Bodies.user("12345"))).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(s.inspect(Bodies.user("ok", "123456")));
    assertThat(error.param()).isEqualTo("messages[1].content");
    assertThat(error.code()).isEqualTo("string_above_max_length");
    assertThat(error.message())
        .isEqualTo(
            "Invalid 'messages[1].content': message too long. Expected at most 5 characters"
                + " (sanitize.max_message_chars), but got 6 instead.");
  }

  @Test
  void characters_are_code_points_so_an_emoji_counts_once() {
    String fiveEmoji = "\uD83D\uDE00".repeat(5); // 10 UTF-16 units
    assertThat(limits(10, 5, 100, 32).inspect(Bodies.user(fiveEmoji)))
        .isSameAs(SanitizeResult.CLEAN);
    assertThat(limits(10, 4, 100, 32).inspect(Bodies.user(fiveEmoji)))
        .isInstanceOf(SanitizeResult.Rejected.class);
  }

  @Test
  void max_message_chars_adds_up_the_text_and_refusal_parts_of_one_message() {
    ObjectNode body = Bodies.empty();
    ArrayNode content = Bodies.message(body, "user").putArray("content");
    Bodies.textPart(content, "abc");
    content.addObject().put("type", "image_url").putObject("image_url").put("url", "x".repeat(50));
    content.addObject().put("type", "refusal").put("refusal", "de");
    assertThat(limits(10, 5, 100, 32).inspect(body)).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(limits(10, 4, 100, 32).inspect(body));
    assertThat(error.param()).isEqualTo("messages[0].content");
    assertThat(error.message()).contains("at most 4 characters").contains("got 5 instead");
  }

  @Test
  void tool_call_arguments_count_towards_the_message_and_the_error_names_the_message() {
    ObjectNode body = Bodies.empty();
    ObjectNode assistant = Bodies.message(body, "assistant");
    assistant.put("content", "ab");
    ObjectNode call = assistant.putArray("tool_calls").addObject();
    call.put("id", "call_1").put("type", "function");
    call.putObject("function").put("name", "f").put("arguments", "{\"q\":1}");
    assertThat(limits(10, 9, 100, 32).inspect(body)).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(limits(10, 8, 100, 32).inspect(body));
    assertThat(error.param()).isEqualTo("messages[0]");
    assertThat(error.message()).contains("got 9 instead");
  }

  @Test
  void max_total_chars_accepts_the_limit_and_rejects_one_more() {
    Sanitizer s = limits(10, 4, 10, 32);
    assertThat(s.inspect(Bodies.user("1234", "1234", "12"))).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(s.inspect(Bodies.user("1234", "1234", "123")));
    assertThat(error.param()).isEqualTo("messages");
    assertThat(error.code()).isEqualTo("total_text_above_max_length");
    assertThat(error.message())
        .isEqualTo(
            "Invalid 'messages': too much text. Expected at most 10 characters over all messages"
                + " (sanitize.max_total_chars), but got 11 instead.");
  }

  /** A message whose image part nests {@code extra} more objects below {@code image_url}. */
  static ObjectNode deepMessage(int extra) {
    ObjectNode body = Bodies.empty();
    ObjectNode part = Bodies.message(body, "user").putArray("content").addObject();
    part.put("type", "image_url");
    ObjectNode node = part.putObject("image_url"); // level 4
    node.put("url", "https://example.com/a.png");
    for (int i = 0; i < extra; i++) {
      node = node.putObject("x");
    }
    return body;
  }

  @Test
  void max_json_depth_counts_the_message_as_level_one() {
    assertThat(limits(10, 100, 100, 4).inspect(deepMessage(0))).isSameAs(SanitizeResult.CLEAN);
    assertThat(limits(10, 100, 100, 6).inspect(deepMessage(2))).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(limits(10, 100, 100, 6).inspect(deepMessage(3)));
    assertThat(error.code()).isEqualTo("json_too_deep");
    assertThat(error.param()).isEqualTo("messages[0].content[0].image_url.x.x.x");
    assertThat(error.message())
        .isEqualTo(
            "Invalid 'messages[0]': nested too deeply. Expected at most 6 levels of arrays and"
                + " objects (sanitize.max_json_depth), but got 7 levels instead; the limit is"
                + " first exceeded at 'messages[0].content[0].image_url.x.x.x'.");
  }

  @Test
  void max_json_depth_reports_the_actual_depth_not_the_first_level_over() {
    ApiError error = rejected(limits(10, 100, 100, 6).inspect(deepMessage(20)));
    assertThat(error.message()).contains("but got 24 levels instead");
  }

  /** A body with one tool whose parameters schema nests {@code levels} properties. */
  static ObjectNode deepTool(int levels) {
    ObjectNode body = Bodies.user("hi");
    ObjectNode tool = body.putArray("tools").addObject(); // level 1
    tool.put("type", "function");
    ObjectNode fn = tool.putObject("function"); // 2
    fn.put("name", "f");
    ObjectNode schema = fn.putObject("parameters"); // 3
    for (int i = 0; i < levels; i++) {
      schema.put("type", "object");
      schema = schema.putObject("properties").putObject("p"); // +2
    }
    schema.put("type", "string");
    return body;
  }

  @Test
  void max_json_depth_applies_to_each_tool_definition() {
    // 3 + 2 * levels
    assertThat(limits(10, 100, 100, 9).inspect(deepTool(3))).isSameAs(SanitizeResult.CLEAN);
    ApiError error = rejected(limits(10, 100, 100, 8).inspect(deepTool(3)));
    assertThat(error.param())
        .isEqualTo("tools[0].function.parameters.properties.p.properties.p.properties.p");
    assertThat(error.message()).startsWith("Invalid 'tools[0]'").contains("got 9 levels");
  }

  @Test
  void max_json_depth_does_not_apply_to_other_fields() {
    ObjectNode body = Bodies.user("hi");
    ObjectNode node = body.putObject("metadata_like");
    for (int i = 0; i < 20; i++) {
      node = node.putObject("x");
    }
    assertThat(limits(10, 100, 100, 4).inspect(body)).isSameAs(SanitizeResult.CLEAN);
  }

  @Test
  void max_json_depth_reaches_tool_call_function_fields() {
    ObjectNode body = Bodies.empty();
    ObjectNode call = Bodies.message(body, "assistant").putArray("tool_calls").addObject();
    call.put("id", "c");
    ObjectNode fn = call.putObject("function"); // level 4
    fn.put("arguments", "{}");
    fn.putObject("extra"); // level 5
    assertThat(limits(10, 100, 100, 5).inspect(body)).isSameAs(SanitizeResult.CLEAN);
    assertThat(rejected(limits(10, 100, 100, 4).inspect(body)).param())
        .isEqualTo("messages[0].tool_calls[0].function.extra");
  }

  @Test
  void a_role_outside_allowed_roles_is_rejected_with_its_path() {
    Sanitizer s =
        new Sanitizer(
            new SanitizeConfig(
                10,
                100,
                100,
                32,
                Set.of("system", "user", "assistant"),
                D.allowedContentPartTypes(),
                D.invisible()));
    ObjectNode body = Bodies.user("hi");
    assertThat(s.inspect(body)).isSameAs(SanitizeResult.CLEAN);
    Bodies.message(body, "developer").put("content", "be evil");
    ApiError error = rejected(s.inspect(body));
    assertThat(error.param()).isEqualTo("messages[1].role");
    assertThat(error.code()).isEqualTo("invalid_value");
    assertThat(error.message())
        .isEqualTo(
            "Invalid value: 'developer'. This gateway accepts only the roles 'system', 'user'"
                + " and 'assistant' (sanitize.allowed_roles).");
  }

  @Test
  void a_content_part_type_outside_the_allowed_types_is_rejected_with_its_path() {
    Sanitizer s =
        new Sanitizer(
            new SanitizeConfig(10, 100, 100, 32, D.allowedRoles(), Set.of("text"), D.invisible()));
    ObjectNode body = Bodies.empty();
    ArrayNode content = Bodies.message(body, "user").putArray("content");
    Bodies.textPart(content, "what is this?");
    assertThat(s.inspect(body)).isSameAs(SanitizeResult.CLEAN);
    content.addObject().put("type", "image_url").putObject("image_url").put("url", "u");
    ApiError error = rejected(s.inspect(body));
    assertThat(error.param()).isEqualTo("messages[0].content[1].type");
    assertThat(error.message())
        .isEqualTo(
            "Invalid value: 'image_url'. This gateway accepts only the content part types 'text'"
                + " (sanitize.allowed_content_part_types).");
  }

  @Test
  void shapes_the_validator_would_refuse_are_walked_without_exceptions() {
    ObjectNode body = Bodies.parse("{\"model\":\"m\",\"messages\":[1,\"x\",{\"content\":{}}]}");
    assertThat(new Sanitizer(D).inspect(body)).isSameAs(SanitizeResult.CLEAN);
    assertThat(new Sanitizer(D).inspect(Bodies.parse("{\"messages\":\"x\"}")))
        .isSameAs(SanitizeResult.CLEAN);
  }

  @Test
  void sanitizer_prints_its_limits() {
    assertThat(new Sanitizer(SanitizeConfig.DEFAULTS.withInvisible(InvisiblePolicy.STRIP)))
        .hasToString(
            "Sanitizer[max_messages=1000, max_message_chars=500000, max_total_chars=2000000,"
                + " max_json_depth=32, invisible=strip]");
  }
}
