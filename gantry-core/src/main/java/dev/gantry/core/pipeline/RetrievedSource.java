package dev.gantry.core.pipeline;

import java.util.Objects;

/**
 * A knowledge-base chunk that was put into a request's context, as reported to the client and used
 * by the extractive provider.
 *
 * @param number the source's number in the context ({@code [1]}, {@code [2]}…)
 * @param id the chunk's id, e.g. {@code doc-0001.md#0}
 * @param document the document it comes from, relative to the ingested folder
 * @param score the retrieval score (fused rank score for hybrid search)
 * @param similarity cosine similarity between question and chunk, in {@code -1..1}
 * @param snippet a short extract for display
 * @param text the chunk's text as given to the model
 */
public record RetrievedSource(
    int number,
    String id,
    String document,
    String title,
    double score,
    double similarity,
    String snippet,
    String text) {
  public RetrievedSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(text, "text");
  }
}
