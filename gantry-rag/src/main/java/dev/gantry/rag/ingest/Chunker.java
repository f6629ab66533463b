package dev.gantry.rag.ingest;

import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure-aware chunking. A chunk never crosses a heading: each section (the blocks under one
 * heading path) is chunked on its own. Within a section, paragraphs are split into sentences (code
 * blocks into lines), and consecutive pieces are packed into a chunk while the chunk's text stays
 * within {@code maxTokens}; when a chunk must end, it ends at the last paragraph boundary if that
 * keeps it at least half full, otherwise between sentences. The next chunk repeats the previous
 * chunk's last sentences, up to {@code overlapTokens}, so that a fact cut at a boundary is whole in
 * one of the two. A single sentence longer than the limit is cut between words.
 *
 * <p>Token counts are exact for the chunk text under the given {@link TokenCounter}. Immutable and
 * thread-safe.
 */
public final class Chunker {
  private record Piece(int start, int end, boolean opensParagraph) {}

  private final int maxTokens;
  private final int overlapTokens;
  private final TokenCounter counter;

  /**
   * @param maxTokens the most tokens in one chunk, at least 16
   * @param overlapTokens the most tokens repeated from the previous chunk, in [0, maxTokens / 2]
   */
  public Chunker(int maxTokens, int overlapTokens, TokenCounter counter) {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
    }
    if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
      throw new IllegalArgumentException(
          "overlapTokens must be in [0, " + maxTokens / 2 + "], was " + overlapTokens);
    }
    this.maxTokens = maxTokens;
    this.overlapTokens = overlapTokens;
    this.counter = counter;
  }

  /** The chunks of {@code doc}, in reading order, numbered from 0. */
  public List<Chunk> chunk(ParsedDocument doc) {
    String text = doc.text();
    List<Chunk> out = new ArrayList<>();
    List<Block> section = new ArrayList<>();
    for (Block block : doc.blocks()) {
      if (block.kind() == Block.Kind.HEADING
          || (!section.isEmpty() && !section.get(0).headingPath().equals(block.headingPath()))) {
        pack(text, section, out);
        section.clear();
      }
      if (block.kind() != Block.Kind.HEADING) {
        section.add(block);
      }
    }
    pack(text, section, out);
    return out;
  }

  private void pack(String text, List<Block> section, List<Chunk> out) {
    if (section.isEmpty()) {
      return;
    }
    List<Piece> pieces = new ArrayList<>();
    for (Block block : section) {
      List<Span> spans =
          block.kind() == Block.Kind.CODE
              ? lines(text, block.start(), block.end())
              : Sentences.split(text, block.start(), block.end());
      boolean first = true;
      for (Span s : spans) {
        for (Span fitted : fit(text, s)) {
          pieces.add(new Piece(fitted.start(), fitted.end(), first));
          first = false;
        }
      }
    }
    List<String> headingPath = section.get(0).headingPath();
    int i = 0;
    while (i < pieces.size()) {
      int from = i;
      int to = from + 1; // exclusive; one piece always fits
      while (to < pieces.size() && tokens(text, pieces, from, to) <= maxTokens) {
        to++;
      }
      if (to < pieces.size() && !pieces.get(to).opensParagraph()) {
        for (int p = to - 1; p > from; p--) {
          if (pieces.get(p).opensParagraph()
              && tokens(text, pieces, from, p - 1) * 2 >= maxTokens) {
            to = p;
            break;
          }
        }
      }
      int start = pieces.get(from).start();
      int end = pieces.get(to - 1).end();
      String chunkText = text.substring(start, end);
      out.add(new Chunk(out.size(), headingPath, start, end, chunkText, counter.count(chunkText)));
      if (to >= pieces.size()) {
        break;
      }
      i = overlapStart(text, pieces, from, to);
    }
  }

  /** Where the next chunk starts: after {@code from}, repeating at most overlapTokens. */
  private int overlapStart(String text, List<Piece> pieces, int from, int to) {
    int next = to;
    while (next - 1 > from && tokens(text, pieces, next - 1, to - 1) <= overlapTokens) {
      next--;
    }
    // the next chunk must also take the next new piece
    while (next < to && tokens(text, pieces, next, to) > maxTokens) {
      next++;
    }
    return next;
  }

  /** Tokens of the text from pieces[a].start to pieces[b].end (both inclusive). */
  private int tokens(String text, List<Piece> pieces, int a, int b) {
    return counter.count(text.substring(pieces.get(a).start(), pieces.get(b).end()));
  }

  /** Splits a sentence longer than the limit between words (or, for one huge word, anywhere). */
  private List<Span> fit(String text, Span s) {
    if (counter.count(s.of(text)) <= maxTokens) {
      return List.of(s);
    }
    List<Span> out = new ArrayList<>();
    int start = s.start();
    while (start < s.end()) {
      int end = s.end();
      // shrink to the longest prefix that fits, preferring to cut at white space
      int lo = start + 1;
      int hi = end;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (counter.count(text.substring(start, mid)) <= maxTokens) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      end = lo;
      if (end < s.end()) {
        int space = end;
        while (space > start && !Character.isWhitespace(text.charAt(space))) {
          space--;
        }
        if (space > start) {
          end = space;
        }
      }
      out.add(trim(text, start, end));
      start = end;
      while (start < s.end() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    return out;
  }

  private static Span trim(String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return new Span(start, end);
  }

  private static List<Span> lines(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '\n') {
        if (i > start && !text.substring(start, i).isBlank()) {
          out.add(new Span(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
