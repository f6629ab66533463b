package dev.gantry.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void replaces_findings_with_numbered_placeholders_and_restores_them() {
    String text =
        "Mail a@example.com or b@example.com, again a@example.com, or call +1 650-253-0000.";
    Redaction r = Redaction.of(text, PiiDetector.defaults().detect(text));
    assertThat(r.text())
        .isEqualTo("Mail [EMAIL_1] or [EMAIL_2], again [EMAIL_1], or call [PHONE_1].");
    assertThat(r.placeholders()).hasSize(3);
    assertThat(r.restore("I wrote to [EMAIL_2] and [PHONE_1]."))
        .isEqualTo("I wrote to b@example.com and +1 650-253-0000.");
  }

  @Test
  void names_and_places_get_their_own_placeholders() {
    String text = "My name is John Smith and I'm originally from Portugal.";
    Redaction r = Redaction.of(text, PiiDetector.defaults().detect(text));
    assertThat(r.text()).isEqualTo("My name is [PERSON_1] and I'm originally from [LOCATION_1].");
    assertThat(r.restore("Hello [PERSON_1] from [LOCATION_1]"))
        .isEqualTo("Hello John Smith from Portugal");
  }

  @Test
  void text_without_findings_is_unchanged() {
    Redaction r = Redaction.of("nothing here", PiiDetector.defaults().detect("nothing here"));
    assertThat(r.text()).isEqualTo("nothing here");
    assertThat(r.placeholders()).isEmpty();
  }
}
