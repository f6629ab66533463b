package dev.gantry.rag.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One structural unit of a parsed document: a heading, a paragraph (list items and quotes count as
 * paragraphs) or a code block.
 *
 * @param kind what the block is
 * @param headingPath the headings above the block, outermost first (a heading block's own path ends
 *     with itself); empty before the first heading
 * @param start offset of the block's first character in {@link ParsedDocument#text()}
 * @param end offset just past its last character
 */
public record Block(Kind kind, List<String> headingPath, int start, int end) {
  /** Block kinds. */
  public enum Kind {
    HEADING,
    PARAGRAPH,
    CODE
  }

  public Block {
    Objects.requireNonNull(kind, "kind");
    headingPath = List.copyOf(headingPath);
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad block range [" + start + ", " + end + ")");
    }
  }
}
