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
 * @param cachePoints prefixes the provider's prompt cache may hold (see {@link PromptCache})
 * @param cache what this request read from and wrote to the cache
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
    int n,
    List<PromptCache.Point> cachePoints,
    PromptCache.Use cache) {

  ChatInput(
      String model,
      String lastUserText,
      String systemText,
      int promptTokens,
      int maxTokens,
      List<String> stops,
      boolean stream,
      boolean includeUsage,
      int n) {
    this(
        model,
        lastUserText,
        systemText,
        promptTokens,
        maxTokens,
        stops,
        stream,
        includeUsage,
        n,
        List.of(),
        PromptCache.Use.NONE);
  }

  ChatInput withCache(PromptCache.Use use) {
    return new ChatInput(
        model,
        lastUserText,
        systemText,
        promptTokens,
        maxTokens,
        stops,
        stream,
        includeUsage,
        n,
        cachePoints,
        use);
  }
}
