package dev.gantry.rag.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A document reduced to plain text and its structure. Every character offset in this package
 * (blocks, chunks) points into {@link #text()}, which is the blocks' text joined by blank lines;
 * parsing the same bytes again gives the same text, so offsets stay meaningful after ingest.
 *
 * @param title the document title: its first heading (for HTML its {@code <title>}, for PDF its
 *     metadata title) or, failing that, the file name
 * @param text the extracted plain text
 * @param blocks headings, paragraphs and code blocks in reading order
 */
public record ParsedDocument(String title, String text, List<Block> blocks) {
  public ParsedDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
    for (Block b : blocks) {
      if (b.end() > text.length()) {
        throw new IllegalArgumentException("block ends past the text: " + b);
      }
    }
  }

  /** The text of one block. */
  public String textOf(Block block) {
    return text.substring(block.start(), block.end());
  }
}
