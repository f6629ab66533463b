package dev.gantry.sim;

import java.util.List;

/**
 * The parts of a chat request (OpenAI, Azure or Anthropic) the simulator acts on.
 *
 * @param model the request model, or the Azure deployment name
 * @param lastUserText text of the last user message ("" when there is none); rules match on it
 * @param promptTokens tokens of all message text (and the Anthropic system prompt)
 * @param maxTokens the completion token limit, or 0 for none
 * @param stops stop sequences; the reply is cut before the first one it contains
 * @param n number of choices (OpenAI {@code n}), at least 1
 */
record ChatInput(
    String model,
    String lastUserText,
    String systemText,
    int promptTokens,
    int maxTokens,
    List<String> stops,
    boolean stream,
    boolean includeUsage,
    int n) {}
