package dev.gantry.sim;

import dev.gantry.core.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Token counts with the real tokenizer ({@code o200k_base}, memoized per string) and the splitting
 * of replies into stream chunks. Stateless apart from the shared memos; thread-safe.
 */
final class Tokens {
  private static final BoundedCache<String, Integer> COUNTS =
      new BoundedCache<>(4096, TokenCounter.defaultCounter()::count);
  private static final BoundedCache<ChunkKey, List<String>> CHUNKS =
      new BoundedCache<>(1024, key -> split(key.text(), key.perChunk()));

  private record ChunkKey(String text, int perChunk) {}

  private Tokens() {}

  /** Tokens in {@code text}; 0 for null or empty. */
  static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return COUNTS.get(text);
  }

  /**
   * Splits {@code text} into stream chunks of {@code wordsPerChunk} words, each word carrying its
   * leading whitespace, so the chunks concatenate back to {@code text} exactly. Never empty.
   */
  static List<String> chunks(String text, int wordsPerChunk) {
    return CHUNKS.get(new ChunkKey(text, Math.max(1, wordsPerChunk)));
  }

  private static List<String> split(String text, int perChunk) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int words = 0;
    int gap = -1;
    for (int i = 1; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      boolean spaceBefore = Character.isWhitespace(text.charAt(i - 1));
      if (space && !spaceBefore) {
        gap = i;
      } else if (!space && spaceBefore && gap > start && ++words == perChunk) {
        out.add(text.substring(start, gap));
        start = gap;
        words = 0;
      }
    }
    out.add(text.substring(start));
    return List.copyOf(out);
  }

  /**
   * Splits tool-call argument JSON into fragments of about four characters per token of {@code
   * tokensPerChunk}, never between the two halves of a surrogate pair.
   */
  static List<String> fragments(String json, int tokensPerChunk) {
    int size = Math.max(2, 4 * Math.max(1, tokensPerChunk));
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < json.length()) {
      int end = Math.min(json.length(), start + size);
      if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
        end++;
      }
      out.add(json.substring(start, end));
      start = end;
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }
}
