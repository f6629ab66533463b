package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SanitizeConfigTest {
  static final SanitizeConfig D = SanitizeConfig.DEFAULTS;

  static SanitizeConfig with(int messages, int messageChars, int totalChars, int depth) {
    return new SanitizeConfig(
        messages,
        messageChars,
        totalChars,
        depth,
        D.allowedRoles(),
        D.allowedContentPartTypes(),
        D.invisible());
  }

  static SanitizeConfig withSets(Set<String> roles, Set<String> parts) {
    return new SanitizeConfig(
        D.maxMessages(),
        D.maxMessageChars(),
        D.maxTotalChars(),
        D.maxJsonDepth(),
        roles,
        parts,
        D.invisible());
  }

  @Test
  void defaults_allow_every_role_and_part_type_and_report_invisible_characters() {
    assertThat(D.maxMessages()).isEqualTo(1_000);
    assertThat(D.maxMessageChars()).isEqualTo(500_000);
    assertThat(D.maxTotalChars()).isEqualTo(2_000_000);
    assertThat(D.maxJsonDepth()).isEqualTo(32);
    assertThat(D.allowedRoles())
        .containsExactly("system", "developer", "user", "assistant", "tool", "function");
    assertThat(D.allowedContentPartTypes())
        .containsExactly("text", "image_url", "input_audio", "file", "refusal");
    assertThat(D.invisible()).isEqualTo(InvisiblePolicy.REPORT);
  }

  @Test
  void max_messages_outside_range_names_path_value_and_range() {
    assertThat(with(1, 1, 1, 4).maxMessages()).isEqualTo(1);
    assertThat(with(100_000, 1, 1, 4).maxMessages()).isEqualTo(100_000);
    assertThatThrownBy(() -> with(0, 1, 1, 4))
        .hasMessage("sanitize.max_messages must be 1..100000, was 0");
    assertThatThrownBy(() -> with(100_001, 1, 1, 4))
        .hasMessage("sanitize.max_messages must be 1..100000, was 100001");
  }

  @Test
  void max_message_chars_must_be_positive() {
    assertThatThrownBy(() -> with(1, 0, 10, 4))
        .hasMessage("sanitize.max_message_chars must be 1..2147483647, was 0");
  }

  @Test
  void max_total_chars_may_not_be_below_max_message_chars() {
    assertThat(with(1, 10, 10, 4).maxTotalChars()).isEqualTo(10);
    assertThatThrownBy(() -> with(1, 10, 9, 4))
        .hasMessage(
            "sanitize.max_total_chars must be 10 (sanitize.max_message_chars)..2147483647, was 9");
  }

  @Test
  void max_json_depth_lies_between_a_content_part_and_the_parser_limit() {
    assertThat(with(1, 1, 1, 4).maxJsonDepth()).isEqualTo(4);
    assertThat(with(1, 1, 1, 128).maxJsonDepth()).isEqualTo(128);
    assertThatThrownBy(() -> with(1, 1, 1, 3))
        .hasMessage("sanitize.max_json_depth must be 4..128, was 3");
    assertThatThrownBy(() -> with(1, 1, 1, 129))
        .hasMessage("sanitize.max_json_depth must be 4..128, was 129");
  }

  @Test
  void allowed_roles_must_be_known_roles() {
    assertThatThrownBy(() -> withSets(Set.of("user", "usr"), D.allowedContentPartTypes()))
        .hasMessage(
            "sanitize.allowed_roles may contain only system, developer, user, assistant, tool,"
                + " function; 'usr' is not one of them");
  }

  @Test
  void allowed_sets_must_not_be_empty() {
    assertThatThrownBy(() -> withSets(Set.of(), D.allowedContentPartTypes()))
        .hasMessageStartingWith("sanitize.allowed_roles must name at least one of system,");
    assertThatThrownBy(() -> withSets(D.allowedRoles(), null))
        .hasMessageStartingWith(
            "sanitize.allowed_content_part_types must name at least one of text,");
  }

  @Test
  void allowed_content_part_types_must_be_known_types() {
    assertThatThrownBy(() -> withSets(D.allowedRoles(), Set.of("text", "video")))
        .hasMessage(
            "sanitize.allowed_content_part_types may contain only text, image_url, input_audio,"
                + " file, refusal; 'video' is not one of them");
  }

  @Test
  void allowed_sets_are_kept_in_canonical_order_and_cannot_be_changed() {
    SanitizeConfig c =
        withSets(new LinkedHashSet<>(List.of("user", "system")), Set.of("refusal", "text"));
    assertThat(c.allowedRoles()).containsExactly("system", "user");
    assertThat(c.allowedContentPartTypes()).containsExactly("text", "refusal");
    assertThatThrownBy(() -> c.allowedRoles().add("tool"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invisible_policy_reads_its_config_spelling() {
    assertThat(InvisiblePolicy.fromConfig("report")).isEqualTo(InvisiblePolicy.REPORT);
    assertThat(InvisiblePolicy.fromConfig("strip")).isEqualTo(InvisiblePolicy.STRIP);
    assertThat(InvisiblePolicy.fromConfig("reject")).isEqualTo(InvisiblePolicy.REJECT);
    assertThat(InvisiblePolicy.STRIP.configName()).isEqualTo("strip");
    assertThatThrownBy(() -> InvisiblePolicy.fromConfig("Strip"))
        .hasMessage("sanitize.invisible must be one of report, strip, reject, was 'Strip'");
  }

  @Test
  void a_null_policy_is_refused_with_its_path() {
    assertThatThrownBy(() -> D.withInvisible(null))
        .hasMessage("sanitize.invisible must be one of report, strip, reject, was null");
  }
}
