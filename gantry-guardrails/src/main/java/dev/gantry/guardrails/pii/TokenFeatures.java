package dev.gantry.guardrails.pii;

import java.util.List;

/**
 * The features the name and place tagger sees for one token, as 64-bit FNV-1a hashes of strings
 * such as {@code "w=smith"} or {@code "sh-1|sh=Xx|Xx"}: the word, its neighbours two either side,
 * prefixes and suffixes, its shape ({@code Xx}, {@code dddd}, {@code X.}), its case, its place in
 * the sentence and line, and the word-list flags of itself and its neighbours. Hashing instead of
 * storing strings keeps the model small and extraction allocation-free; collisions at 64 bits are
 * negligible for a model of some 10^5 features. Stateless.
 */
final class TokenFeatures {
  /** Upper bound on the features of one token. */
  static final int MAX = 96;

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private TokenFeatures() {}

  /** A sentence with its tokens, word-list flags and shapes, ready for feature extraction. */
  record Sentence(List<Token> tokens, int[] flags, String[] shapes) {
    static Sentence of(List<Token> tokens, Gazetteer gazetteer) {
      String[] shapes = new String[tokens.size()];
      for (int i = 0; i < shapes.length; i++) {
        shapes[i] = shape(tokens.get(i).surface());
      }
      return new Sentence(tokens, gazetteer.annotate(tokens), shapes);
    }

    int size() {
      return tokens.size();
    }
  }

  /** Writes the feature hashes of token {@code i} into {@code out}; returns how many. */
  static int extract(Sentence s, int i, long[] out) {
    int n = 0;
    List<Token> t = s.tokens();
    Token tok = t.get(i);
    String w = tok.key();
    String prev = i > 0 ? t.get(i - 1).key() : "<s>";
    String prev2 = i > 1 ? t.get(i - 2).key() : "<s>";
    String next = i + 1 < t.size() ? t.get(i + 1).key() : "</s>";
    String next2 = i + 2 < t.size() ? t.get(i + 2).key() : "</s>";
    String shape = s.shapes()[i];
    String shapePrev = i > 0 ? s.shapes()[i - 1] : "<s>";
    String shapeNext = i + 1 < t.size() ? s.shapes()[i + 1] : "</s>";
    String kase = caseClass(tok.surface());
    boolean lineStart = i == 0 || tok.lineBreakBefore();
    boolean sentenceStart = lineStart || isSentenceEnd(prev) || prev.equals("\"");

    out[n++] = hash("b");
    out[n++] = hash("w=", w);
    out[n++] = hash("w-1=", prev);
    out[n++] = hash("w+1=", next);
    out[n++] = hash("w-2=", prev2);
    out[n++] = hash("w+2=", next2);
    out[n++] = hash("w-1|w=", prev, w);
    out[n++] = hash("w|w+1=", w, next);
    out[n++] = hash("w-2|w-1=", prev2, prev);
    out[n++] = hash("w+1|w+2=", next, next2);
    out[n++] = hash("sh=", shape);
    out[n++] = hash("sh-1|sh|sh+1=", shapePrev, shape, shapeNext);
    out[n++] = hash("sh-1|sh=", shapePrev, shape);
    out[n++] = hash("sh|sh+1=", shape, shapeNext);
    out[n++] = hash("w-1|sh=", prev, shape);
    out[n++] = hash("sh|w+1=", shape, next);
    out[n++] = hash("case=", kase);
    if (w.length() > 3) {
      out[n++] = hash("p3=", w.substring(0, 3));
      out[n++] = hash("s3=", w.substring(w.length() - 3));
      out[n++] = hash("s4=", w.substring(Math.max(0, w.length() - 4)));
    }
    out[n++] = hash("len=", Integer.toString(Math.min(w.length(), 12)));
    if (lineStart) {
      out[n++] = hash("lineStart|case=", kase);
    }
    if (tok.lineBreakBefore()) {
      out[n++] = hash("lb");
    }
    if (sentenceStart) {
      out[n++] = hash("sentStart|case=", kase);
    }
    int flags = s.flags()[i];
    int prevFlags = i > 0 ? s.flags()[i - 1] : 0;
    int nextFlags = i + 1 < t.size() ? s.flags()[i + 1] : 0;
    for (int b = 0; b < Gazetteer.FLAG_NAMES.length; b++) {
      String name = Gazetteer.FLAG_NAMES[b];
      if ((flags & (1 << b)) != 0) {
        out[n++] = hash("g=", name);
        out[n++] = hash("g|case=", name, kase);
        out[n++] = hash("w-1|g=", prev, name);
        if (sentenceStart) {
          out[n++] = hash("g|sentStart=", name);
        }
      }
      if ((prevFlags & (1 << b)) != 0) {
        out[n++] = hash("g-1=", name);
      }
      if ((nextFlags & (1 << b)) != 0) {
        out[n++] = hash("g+1=", name);
      }
    }
    out[n++] = hash("gset|case=", Integer.toString(flags & 0xff), kase);
    return n;
  }

  private static boolean isSentenceEnd(String key) {
    return key.equals(".") || key.equals("!") || key.equals("?") || key.equals(":");
  }

  /** X for upper case, x lower, d digit, other characters as themselves; runs collapsed, max 6. */
  static String shape(String surface) {
    StringBuilder b = new StringBuilder(6);
    char last = 0;
    for (int i = 0; i < surface.length() && b.length() < 6; i++) {
      char c = surface.charAt(i);
      char m;
      if (Character.isUpperCase(c)) {
        m = 'X';
      } else if (Character.isLetter(c)) {
        m = 'x';
      } else if (Character.isDigit(c)) {
        m = 'd';
      } else {
        m = c;
      }
      if (m != last || m == 'd') {
        b.append(m);
      }
      last = m;
    }
    return b.toString();
  }

  /** "Xx" title case, "X" all capitals, "x" lower case, "d" digits, "p" punctuation, "m" mixed. */
  static String caseClass(String surface) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean firstUpper = Character.isUpperCase(surface.charAt(0));
    for (int i = 0; i < surface.length(); i++) {
      char c = surface.charAt(i);
      if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLetter(c)) {
        lower = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      }
    }
    if (digit) {
      return upper || lower ? "m" : "d";
    }
    if (upper && !lower) {
      return surface.length() == 1 ? "Xx" : "X";
    }
    if (lower && !upper) {
      return "x";
    }
    if (upper) {
      return firstUpper ? "Xx" : "m";
    }
    return "p";
  }

  static long hash(String a) {
    return nonZero(mix(OFFSET, a));
  }

  static long hash(String a, String b) {
    return nonZero(mix(mix(OFFSET, a), b));
  }

  static long hash(String a, String b, String c) {
    return nonZero(mix(sep(mix(mix(OFFSET, a), b)), c));
  }

  static long hash(String a, String b, String c, String d) {
    return nonZero(mix(sep(mix(sep(mix(mix(OFFSET, a), b)), c)), d));
  }

  /** 0 marks an empty slot in {@link SequenceModel}'s table, so no feature hashes to it. */
  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }

  private static long sep(long h) {
    return (h ^ '|') * PRIME;
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * PRIME;
      h = (h ^ (c >>> 8)) * PRIME;
    }
    return h;
  }
}
