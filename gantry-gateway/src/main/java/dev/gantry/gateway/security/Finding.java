package dev.gantry.gateway.security;

import java.util.List;
import java.util.Objects;

/**
 * Invisible characters of one {@link InvisibleKind} found in one text of a chat request.
 *
 * @param messageIndex index of the message in {@code messages} (0-based)
 * @param path JSON path of the text, e.g. {@code messages[3].content} or {@code
 *     messages[1].content[0].text}
 * @param kind the class of the characters
 * @param count how many code points of this class the text holds (exact, not capped)
 * @param offsets UTF-16 indexes ({@link String} positions) of the first {@link #MAX_OFFSETS} of
 *     them in the text as the client sent it, ascending
 * @param decoded for {@link InvisibleKind#TAG}, the ASCII the tags spell; for {@link
 *     InvisibleKind#VARIATION_SELECTOR}, the bytes the selectors encode read as UTF-8; at most
 *     {@link #MAX_DECODED} characters; empty for the other kinds
 */
public record Finding(
    int messageIndex,
    String path,
    InvisibleKind kind,
    int count,
    List<Integer> offsets,
    String decoded) {

  /** How many offsets a finding keeps. */
  public static final int MAX_OFFSETS = 64;

  /** How many characters of decoded text a finding keeps. */
  public static final int MAX_DECODED = 1000;

  public Finding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(decoded, "decoded");
    offsets = List.copyOf(offsets);
    if (messageIndex < 0) {
      throw new IllegalArgumentException("messageIndex must be >= 0, was " + messageIndex);
    }
    if (count < 1 || offsets.isEmpty() || offsets.size() > Math.min(count, MAX_OFFSETS)) {
      throw new IllegalArgumentException(
          "a finding needs 1..min(count, " + MAX_OFFSETS + ") offsets and count >= 1");
    }
  }

  /** {@code kind x count at path}, e.g. {@code TAG x12 at messages[1].content}. */
  String brief() {
    return kind + " x" + count + " at " + path;
  }
}
