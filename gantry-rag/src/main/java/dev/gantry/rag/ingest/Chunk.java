package dev.gantry.rag.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A piece of a document small enough to embed and to put in a prompt.
 *
 * @param ordinal position among the document's chunks, from 0
 * @param headingPath the headings the chunk sits under, outermost first
 * @param start offset of the first character in the document's extracted text
 * @param end offset just past the last character
 * @param text the chunk's text, {@code document.text().substring(start, end)}
 * @param tokens length of {@code text} in tokens of the chunker's counter
 */
public record Chunk(
    int ordinal, List<String> headingPath, int start, int end, String text, int tokens) {
  public Chunk {
    headingPath = List.copyOf(headingPath);
    Objects.requireNonNull(text, "text");
    if (ordinal < 0 || start < 0 || end - start != text.length() || tokens < 0) {
      throw new IllegalArgumentException(
          "bad chunk #" + ordinal + " [" + start + ", " + end + ") of " + text.length() + " chars");
    }
  }
}
