package dev.gantry.guardrails.safety;

import java.util.Locale;

/**
 * The categories a text is scored on, after OpenAI's moderation taxonomy. {@link #configName()} is
 * how configuration, scan output and weights files spell a category.
 */
public enum SafetyCategory {
  /** Contempt or attacks on people for a protected attribute (race, religion, gender…). */
  HATE("hate"),
  /** Insults, threats or abuse aimed at a person. */
  HARASSMENT("harassment"),
  /** Intent, encouragement or instructions for suicide, self-injury or disordered eating. */
  SELF_HARM("self-harm"),
  /** Sexual content meant to arouse, or requests for it (not sex education). */
  SEXUAL("sexual"),
  /** Any sexual content involving minors. */
  SEXUAL_MINORS("sexual/minors"),
  /** Threats, glorification or graphic depiction of violence, or planning it. */
  VIOLENCE("violence"),
  /** Instructions or requests for serious crimes: weapons, drugs, fraud, intrusion. */
  ILLICIT("illicit");

  private final String configName;

  SafetyCategory(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * The category spelled {@code name} (as in {@link #configName()}, case-insensitive).
   *
   * @throws IllegalArgumentException naming the allowed spellings
   */
  public static SafetyCategory of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (SafetyCategory c : values()) {
      if (c.configName.equals(n)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "'" + name + "' is not a safety category; allowed " + String.join(", ", names()));
  }

  /** Every category's config name, in declaration order. */
  public static java.util.List<String> names() {
    return java.util.Arrays.stream(values()).map(SafetyCategory::configName).toList();
  }
}
