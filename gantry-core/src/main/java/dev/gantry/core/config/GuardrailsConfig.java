package dev.gantry.core.config;

import java.util.List;

/**
 * A route's guardrail policy ({@code routes.<name>.guardrails}). Immutable.
 *
 * @param input checks on the request, run concurrently before the model is called
 * @param output checks on the answer; on a stream they run on each window of text
 * @param refusalMessage when set, a blocked request gets this text as a normal completion (finish
 *     reason {@code content_filter}) instead of a 400 error
 * @param streamWindowChars on streams, output checks run each time this many new characters have
 *     arrived (and at the end), in characters
 */
public record GuardrailsConfig(
    List<GuardCheck> input, List<GuardCheck> output, String refusalMessage, int streamWindowChars) {
  public static final GuardrailsConfig NONE = new GuardrailsConfig(List.of(), List.of(), null, 200);

  public GuardrailsConfig {
    input = List.copyOf(input);
    output = List.copyOf(output);
    if (streamWindowChars < 1) {
      throw new IllegalArgumentException("streamWindowChars must be >= 1");
    }
  }

  public boolean isEmpty() {
    return input.isEmpty() && output.isEmpty();
  }

  public <T extends GuardCheck> T find(List<GuardCheck> checks, Class<T> type) {
    for (GuardCheck c : checks) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
