package dev.gantry.rag.text;

/**
 * A half-open character range {@code [start, end)} of a string, in UTF-16 code units.
 *
 * @param start first character, inclusive
 * @param end last character, exclusive; never before {@code start}
 */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  /** Number of characters covered. */
  public int length() {
    return end - start;
  }

  /** The covered part of {@code text}. */
  public String of(String text) {
    return text.substring(start, end);
  }
}
