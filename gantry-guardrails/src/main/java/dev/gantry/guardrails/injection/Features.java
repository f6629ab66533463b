package dev.gantry.guardrails.injection;

import dev.gantry.ml.classify.FeatureHashing;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns texts into the classifier's feature vectors. A whole text gets its sentence embedding
 * followed by {@link #DOCUMENT_NAMES hand features} (shape, obfuscation and which rule categories
 * matched). A unit (a line or sentence of a longer text, see {@link Segmenter}) gets {@link
 * #UNIT_BUCKETS} hashed word and word-pair counts plus its place in the text, so that an
 * instruction hidden in a table, an e-mail or a code answer can be scored without embedding every
 * line. Hashing uses {@link String#hashCode()}, whose value the Java specification fixes, so
 * features are the same on every JVM. Stateless and thread-safe.
 */
final class Features {
  private Features() {}

  /** Names of the hand features appended to the embedding, in order. */
  static final List<String> DOCUMENT_NAMES =
      List.of(
          "log-length",
          "log-lines",
          "table-line-share",
          "has-code",
          "upper-case-share",
          "non-ascii-letter-share",
          "second-person-density",
          "mentions-ai",
          "mentions-your-response",
          "rule-override",
          "rule-roleplay",
          "rule-extraction",
          "rule-delimiter",
          "rule-smuggling",
          "had-invisible-characters",
          "had-folded-characters",
          "had-encoded-payload",
          "ends-with-question",
          "quote-density");

  /** Hash buckets for a unit's words and word pairs. */
  static final int UNIT_BUCKETS = 1024;

  /** Names of the unit features after the hash buckets, in order. */
  static final List<String> UNIT_NAMES =
      List.of(
          "log-length",
          "is-first",
          "is-last",
          "only-unit",
          "text-table-share",
          "is-table-row",
          "breaks-table",
          "second-person",
          "mentions-your-response",
          "starts-upper-case");

  static final int UNIT_DIMENSIONS = UNIT_BUCKETS + UNIT_NAMES.size();

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?");
  private static final Pattern SECOND_PERSON =
      Pattern.compile("(?<![\\p{L}])(?:you|your|you're|yourself|yours)(?![\\p{L}])");
  private static final Pattern AI =
      Pattern.compile(
          "(?<![\\p{L}])(?:chatgpt|gpt|openai|ai|assistant|language model|llm|chatbot|bot)(?![\\p{L}])");
  private static final Pattern YOUR_RESPONSE =
      Pattern.compile(
          "(?<![\\p{L}])your (?:\\p{L}+ )?(?:response|responses|reply|replies|answer|answers|output"
              + "|summary|text|message|result)(?![\\p{L}])");

  /** Features of a whole text after its embedding. */
  static final int DOCUMENT_EXTRA = DOCUMENT_NAMES.size();

  /** The whole-text vector: the embedding, then the hand features. */
  static double[] document(float[] embedding, Heuristics.Result heuristics) {
    double[] hand = hand(heuristics);
    double[] x = new double[embedding.length + hand.length];
    for (int i = 0; i < embedding.length; i++) {
      x[i] = embedding[i];
    }
    System.arraycopy(hand, 0, x, embedding.length, hand.length);
    return x;
  }

  /**
   * A unit's vector for the embedding-based unit model: the unit's embedding, then the context
   * features that follow the hash buckets in {@code lexical} (a vector from {@link #unit}).
   */
  static double[] unitEmbedded(float[] embedding, double[] lexical) {
    double[] x = new double[embedding.length + UNIT_NAMES.size()];
    for (int i = 0; i < embedding.length; i++) {
      x[i] = embedding[i];
    }
    System.arraycopy(lexical, UNIT_BUCKETS, x, embedding.length, UNIT_NAMES.size());
    return x;
  }

  static double[] hand(Heuristics.Result heuristics) {
    Normalizer.Result n = heuristics.normalized();
    String clean = n.clean();
    String lower = n.lower();
    double[] f = new double[DOCUMENT_NAMES.size()];
    int lines = 1;
    int tableLines = 0;
    int nonEmptyLines = 0;
    int from = 0;
    while (from <= clean.length()) {
      int nl = clean.indexOf('\n', from);
      int end = nl < 0 ? clean.length() : nl;
      String line = clean.substring(from, end).strip();
      if (!line.isEmpty()) {
        nonEmptyLines++;
        if (line.startsWith("|")) {
          tableLines++;
        }
      }
      if (nl < 0) {
        break;
      }
      lines++;
      from = nl + 1;
    }
    int letters = 0;
    int upper = 0;
    int nonAscii = 0;
    int quotes = 0;
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
        if (c > 0x7F) {
          nonAscii++;
        }
      } else if (c == '"' || c == '\'' || c == '“' || c == '”' || c == '«' || c == '»') {
        quotes++;
      }
    }
    int words = count(WORD, lower);
    List<String> matched = heuristics.matched();
    f[0] = Math.log1p(clean.length()) / 10;
    f[1] = Math.log1p(lines) / 5;
    f[2] = nonEmptyLines == 0 ? 0 : (double) tableLines / nonEmptyLines;
    f[3] = clean.contains("```") || clean.contains("\n    ") ? 1 : 0;
    f[4] = letters == 0 ? 0 : (double) upper / letters;
    f[5] = letters == 0 ? 0 : (double) nonAscii / letters;
    f[6] = words == 0 ? 0 : Math.min(1, 5.0 * count(SECOND_PERSON, lower) / words);
    f[7] = AI.matcher(lower).find() ? 1 : 0;
    f[8] = YOUR_RESPONSE.matcher(lower).find() ? 1 : 0;
    f[9] = category(matched, "override.");
    f[10] = category(matched, "roleplay.");
    f[11] = category(matched, "extraction.");
    f[12] = category(matched, "delimiter.");
    f[13] = category(matched, "smuggling.");
    f[14] = n.invisibles() > 0 ? 1 : 0;
    f[15] = n.folded() > 0 ? 1 : 0;
    f[16] = heuristics.payloads().isEmpty() ? 0 : 1;
    f[17] = clean.stripTrailing().endsWith("?") ? 1 : 0;
    f[18] = clean.isEmpty() ? 0 : Math.min(1, 10.0 * quotes / clean.length());
    return f;
  }

  /**
   * Features of unit {@code index} of {@code count}; {@code tableShare} is the share of the text's
   * units that are table rows.
   */
  static double[] unit(String unit, int index, int count, double tableShare) {
    String lower = Normalizer.normalize(unit).lower();
    double[] f = new double[UNIT_DIMENSIONS];
    Matcher m = WORD.matcher(lower);
    String previous = "^";
    boolean first = true;
    while (m.find()) {
      String w = m.group();
      f[bucket("w:" + w)] += 1;
      f[bucket("b:" + previous + " " + w)] += 1;
      if (first) {
        f[bucket("f:" + w)] += 1;
        first = false;
      }
      previous = w;
    }
    for (int i = 0; i < UNIT_BUCKETS; i++) {
      if (f[i] > 0) {
        f[i] = 1 + Math.log(f[i]);
      }
    }
    boolean tableRow = unit.startsWith("|");
    int k = UNIT_BUCKETS;
    f[k] = Math.log1p(unit.length()) / 6;
    f[k + 1] = index == 0 ? 1 : 0;
    f[k + 2] = index == count - 1 ? 1 : 0;
    f[k + 3] = count == 1 ? 1 : 0;
    f[k + 4] = tableShare;
    f[k + 5] = tableRow ? 1 : 0;
    f[k + 6] = tableShare >= 0.5 && !tableRow ? 1 : 0;
    f[k + 7] = SECOND_PERSON.matcher(lower).find() ? 1 : 0;
    f[k + 8] = YOUR_RESPONSE.matcher(lower).find() ? 1 : 0;
    f[k + 9] = !unit.isEmpty() && Character.isUpperCase(unit.charAt(0)) && !tableRow ? 1 : 0;
    return f;
  }

  static double tableShare(List<String> units) {
    if (units.isEmpty()) {
      return 0;
    }
    int rows = 0;
    for (String u : units) {
      if (u.startsWith("|")) {
        rows++;
      }
    }
    return (double) rows / units.size();
  }

  static int bucket(String feature) {
    return FeatureHashing.bucket(feature, UNIT_BUCKETS);
  }

  private static double category(List<String> matched, String prefix) {
    for (String m : matched) {
      if (m.startsWith(prefix)) {
        return 1;
      }
    }
    return 0;
  }

  private static int count(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
