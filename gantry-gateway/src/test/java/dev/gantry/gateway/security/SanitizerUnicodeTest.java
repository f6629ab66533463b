package dev.gantry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.InvisiblePolicy;
import dev.gantry.core.config.SanitizeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SanitizerUnicodeTest {
  static final Sanitizer SANITIZER = new Sanitizer(SanitizeConfig.DEFAULTS);

  static ApiError rejected(ObjectNode body) {
    SanitizeResult result = SANITIZER.inspect(body);
    assertThat(result).isInstanceOf(SanitizeResult.Rejected.class);
    ApiError error = ((SanitizeResult.Rejected) result).error();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("invalid_unicode");
    return error;
  }

  @ParameterizedTest
  @CsvSource({
    "abc\uD800, D800, 3",
    "\uDC00abc, DC00, 0",
    "\uDC00\uD800, DC00, 0",
    "a\uD800b, D800, 1",
    "\uD83D\uDE00\uDE00, DE00, 2"
  })
  void unpaired_surrogates_in_content_are_rejected(String text, String unit, int offset) {
    ApiError error = rejected(Bodies.user("fine", text));
    assertThat(error.param()).isEqualTo("messages[1].content");
    assertThat(error.message())
        .startsWith(
            "Invalid 'messages[1].content': unpaired UTF-16 surrogate \\u"
                + unit
                + " at offset "
                + offset
                + ". Text must be valid Unicode");
  }

  @Test
  void a_json_escape_of_half_a_pair_passes_the_parser_and_is_rejected_here() {
    ObjectNode body =
        Bodies.parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\\uD800y\"}]}");
    assertThat(body.at("/messages/0/content").textValue()).hasSize(3);
    assertThat(rejected(body).param()).isEqualTo("messages[0].content");
  }

  @Test
  void a_json_escaped_pair_is_one_valid_character() {
    ObjectNode body =
        Bodies.parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\\uD83D\\uDE00\"}]}");
    assertThat(SANITIZER.inspect(body)).isSameAs(SanitizeResult.CLEAN);
  }

  @Test
  void unpaired_surrogates_are_rejected_in_text_parts_and_arguments() {
    ObjectNode body = Bodies.empty();
    Bodies.textPart(Bodies.message(body, "user").putArray("content"), "ok\uDBFF");
    assertThat(rejected(body).param()).isEqualTo("messages[0].content[0].text");

    body = Bodies.empty();
    Bodies.message(body, "assistant")
        .putArray("tool_calls")
        .addObject()
        .put("id", "c")
        .putObject("function")
        .put("name", "f")
        .put("arguments", "{\"a\":\"\uDC01\"}");
    assertThat(rejected(body).param()).isEqualTo("messages[0].tool_calls[0].function.arguments");
  }

  @Test
  void unpaired_surrogates_are_rejected_in_every_other_string_of_the_body() {
    ObjectNode body = Bodies.user("hi");
    body.put("user", "u\uD800");
    assertThat(rejected(body).param()).isEqualTo("user");

    body = Bodies.empty();
    ObjectNode image = Bodies.message(body, "user").putArray("content").addObject();
    image.put("type", "image_url").putObject("image_url").put("url", "https://x/\uDC00");
    assertThat(rejected(body).param()).isEqualTo("messages[0].content[0].image_url.url");

    body = Bodies.user("hi");
    body.putArray("tools")
        .addObject()
        .put("type", "function")
        .putObject("function")
        .put("name", "f")
        .put("description", "\uD800");
    assertThat(rejected(body).param()).isEqualTo("tools[0].function.description");
  }

  @Test
  void unpaired_surrogates_in_field_names_are_rejected() {
    ObjectNode body = Bodies.user("hi");
    body.put("x\uD800", 1);
    ApiError error = rejected(body);
    assertThat(error.param()).isNull();
    assertThat(error.message()).startsWith("Invalid field name in the request body: unpaired");

    body = Bodies.user("hi");
    ((ObjectNode) body.at("/messages/0")).put("\uDC00", 1);
    error = rejected(body);
    assertThat(error.param()).isEqualTo("messages[0]");
    assertThat(error.message()).startsWith("Invalid field name in 'messages[0]': unpaired");
  }

  @Test
  void surrogates_are_rejected_whatever_the_invisible_policy() {
    Sanitizer strip = new Sanitizer(SanitizeConfig.DEFAULTS.withInvisible(InvisiblePolicy.STRIP));
    SanitizeResult result = strip.inspect(Bodies.user("a\u200Bb", "\uD800"));
    assertThat(((SanitizeResult.Rejected) result).error().code()).isEqualTo("invalid_unicode");
  }
}
