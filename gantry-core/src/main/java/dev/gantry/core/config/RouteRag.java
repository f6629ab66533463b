package dev.gantry.core.config;

import java.util.Objects;

/**
 * Retrieval for a route ({@code routes.<name>.rag}): the last user turn is searched in a knowledge
 * base and the best sources go to the model as numbered context it is told to cite.
 *
 * @param kb the knowledge base, defined under {@code knowledge_bases}
 * @param topK how many chunks to retrieve, 1..50
 * @param maxContextTokens the most tokens of context added to the request
 * @param minScore chunks whose cosine similarity to the question is below this are left out, -1..1
 */
public record RouteRag(String kb, int topK, int maxContextTokens, double minScore) {
  public RouteRag {
    Objects.requireNonNull(kb, "kb");
    if (topK < 1 || topK > 50) {
      throw new IllegalArgumentException("top_k must be 1..50, was " + topK);
    }
    if (maxContextTokens < 16) {
      throw new IllegalArgumentException("max_context_tokens must be >= 16");
    }
  }
}
