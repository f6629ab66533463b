package dev.gantry.rag.answer;

import java.util.Objects;

/**
 * A sentence quoted in an extractive answer and where it came from.
 *
 * @param number the source number written in the answer ({@code [1]}): the 1-based position of the
 *     chunk in the list given to the answerer
 * @param id the chunk id
 * @param document the document id
 * @param sentence the quoted sentence
 * @param start offset of the sentence in the document's extracted text
 * @param end offset just past the sentence
 * @param score the sentence's support score, in [0, 1]
 */
public record Citation(
    int number, String id, String document, String sentence, int start, int end, double score) {
  public Citation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(sentence, "sentence");
  }
}
