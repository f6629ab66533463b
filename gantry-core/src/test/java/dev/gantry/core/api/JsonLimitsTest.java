package dev.gantry.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each limit of the JSON parser is reported as itself, not as another one. */
class JsonLimitsTest {
  static ApiError refusal(String json) {
    return catchThrowableOfType(
            ApiException.class, () -> Json.parseObject(json.getBytes(StandardCharsets.UTF_8)))
        .error();
  }

  @Test
  void a_two_thousand_digit_number_is_reported_as_a_long_number() {
    ApiError e = refusal("{\"model\":\"m\",\"n\":" + "9".repeat(2_000) + "}");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("json_number_too_long");
    assertThat(e.message()).contains("1000 digits").doesNotContain("nested");
  }

  @Test
  void a_sixty_thousand_character_field_name_is_reported_as_a_long_name() {
    ApiError e = refusal("{\"" + "k".repeat(60_000) + "\":1}");
    assertThat(e.code()).isEqualTo("json_name_too_long");
    assertThat(e.message()).doesNotContain("nested");
  }

  @Test
  void deep_nesting_is_still_reported_as_too_deep() {
    ApiError e = refusal("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}");
    assertThat(e.code()).isEqualTo("json_too_deep");
  }
}
