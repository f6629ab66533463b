package dev.gantry.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An answer (or part of one) to check.
 *
 * @param text the answer's text, or for a stream the text seen so far that has not been released
 *     yet plus some already released context before it
 * @param complete false while a stream is still arriving: checks that need the whole answer (JSON
 *     validity) pass incomplete text
 * @param responseFormat the request's {@code response_format} object, or null
 * @param canary the canary token planted in the system prompt, or null
 * @param context the request the answer replies to (its question and retrieved sources, route,
 *     tenant…), or {@link CheckContext#NONE}
 */
public record OutputText(
    String text, boolean complete, JsonNode responseFormat, String canary, CheckContext context) {
  public OutputText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(context, "context");
  }

  /** An answer checked without knowing its request. */
  public OutputText(String text, boolean complete, JsonNode responseFormat, String canary) {
    this(text, complete, responseFormat, canary, CheckContext.NONE);
  }

  public static OutputText of(String text) {
    return new OutputText(text, true, null, null);
  }
}
