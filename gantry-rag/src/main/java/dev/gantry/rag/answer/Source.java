package dev.gantry.rag.answer;

import java.util.List;
import java.util.Objects;

/**
 * One numbered source placed in a prompt.
 *
 * @param number the citation number, from 1, as written in the prompt ({@code [1]})
 * @param id the chunk id, {@code <document>#<ordinal>}
 * @param document the document id (path relative to the ingested root)
 * @param title the document title
 * @param headingPath the headings the chunk sits under
 * @param start offset of {@code text} in the document's extracted text
 * @param end offset just past {@code text}
 * @param score the retrieval score the chunk came with
 * @param similarity the query–chunk cosine similarity it came with
 * @param text the text put in the prompt: the chunk, or its beginning if {@code truncated}
 * @param truncated whether the chunk was cut to fit the token budget
 */
public record Source(
    int number,
    String id,
    String document,
    String title,
    List<String> headingPath,
    int start,
    int end,
    double score,
    double similarity,
    String text,
    boolean truncated) {
  public Source {
    if (number < 1) {
      throw new IllegalArgumentException("source numbers start at 1, was " + number);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(title, "title");
    headingPath = List.copyOf(headingPath);
    Objects.requireNonNull(text, "text");
  }
}
