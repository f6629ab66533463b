package dev.gantry.rag.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Accumulates blocks in reading order, keeps the heading stack and joins block texts with blank
 * lines. One per parse; not thread-safe.
 */
final class DocumentBuilder {
  private record Level(int level, String text) {}

  private final StringBuilder text = new StringBuilder();
  private final List<Block> blocks = new ArrayList<>();
  private final Deque<Level> headings = new ArrayDeque<>();
  private String firstHeading;

  /** A heading of {@code level} (1 = outermost); closes deeper and equal headings. */
  void heading(int level, String heading) {
    String t = clean(heading);
    if (t.isEmpty()) {
      return;
    }
    while (!headings.isEmpty() && headings.peekLast().level() >= level) {
      headings.removeLast();
    }
    headings.addLast(new Level(level, t));
    if (firstHeading == null) {
      firstHeading = t;
    }
    append(Block.Kind.HEADING, t);
  }

  void paragraph(String paragraph) {
    append(Block.Kind.PARAGRAPH, clean(paragraph));
  }

  void code(String code) {
    String t = code.strip();
    append(Block.Kind.CODE, t);
  }

  /** The first heading seen, or null. */
  String firstHeading() {
    return firstHeading;
  }

  ParsedDocument build(String title) {
    return new ParsedDocument(title, text.toString(), blocks);
  }

  private void append(Block.Kind kind, String t) {
    if (t.isEmpty()) {
      return;
    }
    if (text.length() > 0) {
      text.append("\n\n");
    }
    int start = text.length();
    text.append(t);
    List<String> path = new ArrayList<>(headings.size());
    for (Level l : headings) {
      path.add(l.text());
    }
    blocks.add(new Block(kind, path, start, text.length()));
  }

  /** Collapses runs of white space (a paragraph's line breaks included) into one space. */
  static String clean(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
