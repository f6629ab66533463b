package dev.gantry.guardrails.safety;

import dev.gantry.ml.classify.FeatureHashing;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a text into the safety heads' features. The <b>lexical</b> part is {@link #BUCKETS} hashed
 * counts of words, word pairs and the character trigrams of words (so that "f*cking" and "fuckin"
 * share most of their features), each as {@code 1 + log(count)}, followed by a few {@link
 * #HAND_NAMES hand features}. The <b>full</b> vector puts the sentence embedding in front of it.
 * Hashing uses {@link String#hashCode()}, whose value the Java specification fixes, so the features
 * are the same on every JVM. Stateless and thread-safe.
 */
final class SafetyFeatures {
  private SafetyFeatures() {}

  /** Hash buckets for words, word pairs and character trigrams. */
  static final int BUCKETS = 1024;

  /** Names of the features after the buckets, in order. */
  static final List<String> HAND_NAMES =
      List.of(
          "log-length",
          "upper-case-share",
          "exclamation-density",
          "second-person-density",
          "first-person-density",
          "symbol-share",
          "is-question");

  static final int LEXICAL_DIMENSIONS = BUCKETS + HAND_NAMES.size();

  /** Characters of a text the lexical features read. */
  static final int MAX_CHARS = 4000;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}*@$]+(?:'[\\p{L}]+)?");
  private static final Pattern SECOND = Pattern.compile("\\b(?:you|your|you're|yourself|u|ur)\\b");
  private static final Pattern FIRST = Pattern.compile("\\b(?:i|me|my|myself|i'm|mine)\\b");

  /** The lexical vector of {@code text}. */
  static double[] lexical(String text) {
    String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String lower = Normalizer.normalize(t, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    double[] f = new double[LEXICAL_DIMENSIONS];
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(lower);
    while (m.find()) {
      words.add(m.group());
    }
    String previous = "^";
    for (String w : words) {
      f[bucket("w:" + w)] += 1;
      f[bucket("b:" + previous + " " + w)] += 1;
      String padded = "<" + w + ">";
      for (int i = 0; i + 3 <= padded.length(); i++) {
        f[bucket("c:" + padded.substring(i, i + 3))] += 0.5;
      }
      previous = w;
    }
    int symbols = 0;
    int letters = 0;
    int upper = 0;
    int bangs = 0;
    for (int i = 0; i < t.length(); ) {
      int cp = t.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.OTHER_SYMBOL) {
        symbols++;
        f[bucket("e:" + new String(Character.toChars(cp)))] += 1;
      } else if (Character.isLetter(cp)) {
        letters++;
        if (Character.isUpperCase(cp)) {
          upper++;
        }
      } else if (cp == '!') {
        bangs++;
      }
      i += Character.charCount(cp);
    }
    for (int i = 0; i < BUCKETS; i++) {
      if (f[i] > 0) {
        f[i] = 1 + Math.log(f[i]);
      }
    }
    int n = Math.max(1, words.size());
    int k = BUCKETS;
    f[k] = Math.log1p(t.length()) / 8;
    f[k + 1] = letters == 0 ? 0 : (double) upper / letters;
    f[k + 2] = Math.min(1, 5.0 * bangs / n);
    f[k + 3] = Math.min(1, 5.0 * count(SECOND, lower) / n);
    f[k + 4] = Math.min(1, 5.0 * count(FIRST, lower) / n);
    f[k + 5] = Math.min(1, (double) symbols / n);
    f[k + 6] = t.stripTrailing().endsWith("?") ? 1 : 0;
    return f;
  }

  /** The full vector: {@code embedding}, then {@code lexical} (a vector from {@link #lexical}). */
  static double[] full(float[] embedding, double[] lexical) {
    double[] x = new double[embedding.length + lexical.length];
    for (int i = 0; i < embedding.length; i++) {
      x[i] = embedding[i];
    }
    System.arraycopy(lexical, 0, x, embedding.length, lexical.length);
    return x;
  }

  static int bucket(String feature) {
    return FeatureHashing.bucket(feature, BUCKETS);
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
