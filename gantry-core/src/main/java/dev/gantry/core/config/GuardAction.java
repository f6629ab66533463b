package dev.gantry.core.config;

import java.util.Locale;

/** What a guardrail does when its check triggers. */
public enum GuardAction {
  /** Refuse: an OpenAI-style 400 naming the check, or the route's refusal message. */
  BLOCK,
  /** Replace the offending spans with placeholders and go on (PII only). */
  REDACT,
  /** Record the finding (headers, events, audit) and go on unchanged. */
  FLAG,
  /** Output only: ask the model once more, telling it what was wrong. */
  REPROMPT;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
