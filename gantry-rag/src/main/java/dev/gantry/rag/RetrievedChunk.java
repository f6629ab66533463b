package dev.gantry.rag;

import java.util.List;
import java.util.Objects;

/**
 * One retrieval hit.
 *
 * @param id the chunk id, {@code <document>#<ordinal>}, for example {@code doc-0001.md#0}
 * @param document the document id: the file's path relative to the ingested root, with {@code /}
 * @param title the document title (first heading, else file name)
 * @param headingPath the headings the chunk sits under, outermost first
 * @param start offset of the chunk in the document's extracted text (UTF-16 units)
 * @param end offset just past the chunk's end
 * @param score the ranking score of the mode used: for hybrid the fused reciprocal-rank score (at
 *     most 2 / (k + 1)), for BM25 the BM25 score, for vectors the cosine similarity; comparable
 *     only within one result list
 * @param similarity cosine similarity of the query and chunk embeddings, in [-1, 1], whatever the
 *     mode; comparable across queries, and what {@code minScore} filters on
 * @param bm25Rank rank in the BM25 list, from 1; 0 if absent from it (or not computed)
 * @param vectorRank rank in the vector list, from 1; 0 if absent from it (or not computed)
 * @param snippet a short excerpt around the sentence that best matches the query
 * @param text the whole chunk text
 */
public record RetrievedChunk(
    String id,
    String document,
    String title,
    List<String> headingPath,
    int start,
    int end,
    double score,
    double similarity,
    int bm25Rank,
    int vectorRank,
    String snippet,
    String text) {
  public RetrievedChunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(title, "title");
    headingPath = List.copyOf(headingPath);
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(text, "text");
  }
}
