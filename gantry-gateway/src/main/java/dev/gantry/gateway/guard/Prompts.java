package dev.gantry.gateway.guard;

import dev.gantry.core.api.ChatRequest;

/** Adds text to a request's system prompt, for stages outside this package. Stateless. */
public final class Prompts {
  private Prompts() {}

  /** The request with {@code text} appended to its first system message (or a new one first). */
  public static ChatRequest withSystemMessage(ChatRequest request, String text) {
    return TextUnits.withSystemLine(request, text);
  }
}
