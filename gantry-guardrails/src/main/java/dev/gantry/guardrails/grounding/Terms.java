package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The words of a text as grounding compares them: content words stemmed (Snowball English), names
 * (capitalised words) marked, and numbers read as values, written ones ("nine", "1,600", "6.213",
 * "$1.7 billion") included. Stop words are dropped. Stateless and thread-safe (a stemmer per call).
 */
final class Terms {
  private Terms() {}

  /** What kind of word a term is; names and numbers weigh most when they are not supported. */
  enum Kind {
    WORD,
    NAME,
    NUMBER
  }

  /**
   * One word of a text.
   *
   * @param stem the stemmed lower-case form (for numbers, the canonical value)
   * @param surface the word as written
   * @param value the number's value, or NaN for words
   * @param start offset of the word in the text
   * @param end offset just after it
   */
  record Term(String stem, String surface, Kind kind, double value, int start, int end) {}

  /** What may stand between the words of one name: nothing, or a particle ("of", "de"). */
  private static final Pattern JOINER =
      Pattern.compile("\\s*(?:(?:of|the|de|da|del|di|du|la|le|van|von|bei|on|y|&|-)\\s+)*");

  /**
   * The names of a list of terms: runs of {@link Kind#NAME} terms that follow each other in the
   * text with nothing but spaces or particles between them ("Hall of Fame", "Sankt Ulrich bei
   * Steyr"); "and" and punctuation end a name.
   */
  static List<List<Term>> names(String text, List<Term> terms) {
    List<List<Term>> out = new ArrayList<>();
    List<Term> run = new ArrayList<>();
    for (Term t : terms) {
      boolean joins =
          !run.isEmpty()
              && JOINER.matcher(text.substring(run.get(run.size() - 1).end(), t.start())).matches();
      if (t.kind() == Kind.NAME && (run.isEmpty() || joins)) {
        run.add(t);
        continue;
      }
      if (!run.isEmpty()) {
        out.add(run);
        run = new ArrayList<>();
      }
      if (t.kind() == Kind.NAME) {
        run.add(t);
      }
    }
    if (!run.isEmpty()) {
      out.add(run);
    }
    return out;
  }

  private static final Pattern WORD =
      Pattern.compile("\\$?\\p{N}[\\p{N},.]*\\p{N}%?|\\$?\\p{N}%?|[\\p{L}][\\p{L}\\p{M}'’\\-]*");

  static final Set<String> STOP =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "but",
          "nor",
          "of",
          "in",
          "on",
          "at",
          "to",
          "for",
          "from",
          "by",
          "with",
          "as",
          "into",
          "onto",
          "about",
          "than",
          "then",
          "that",
          "this",
          "these",
          "those",
          "it",
          "its",
          "it's",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "being",
          "am",
          "has",
          "have",
          "had",
          "having",
          "do",
          "does",
          "did",
          "done",
          "will",
          "would",
          "shall",
          "should",
          "can",
          "could",
          "may",
          "might",
          "must",
          "also",
          "which",
          "who",
          "whom",
          "whose",
          "what",
          "when",
          "where",
          "why",
          "how",
          "there",
          "here",
          "they",
          "them",
          "their",
          "he",
          "him",
          "his",
          "she",
          "her",
          "hers",
          "we",
          "us",
          "our",
          "you",
          "your",
          "i",
          "me",
          "my",
          "both",
          "either",
          "neither",
          "each",
          "all",
          "any",
          "some",
          "such",
          "so",
          "very",
          "just",
          "only",
          "not",
          "no",
          "yes",
          "answer",
          "question",
          "according",
          "source",
          "sources",
          "document",
          "documents",
          "based",
          "known",
          "called",
          "named",
          "one",
          "s",
          "if",
          "while",
          "after",
          "before",
          "during",
          "over",
          "under",
          "up",
          "out",
          "more",
          "most",
          "many",
          "much",
          "around",
          "approximately",
          "exactly",
          "actually",
          "currently",
          "now",
          "still",
          "however",
          "although",
          "because",
          "since",
          "other",
          "true",
          "false",
          "correct",
          "case",
          "indeed",
          "right");

  private static final Map<String, Double> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("zero", 0.0),
          Map.entry("two", 2.0),
          Map.entry("three", 3.0),
          Map.entry("four", 4.0),
          Map.entry("five", 5.0),
          Map.entry("six", 6.0),
          Map.entry("seven", 7.0),
          Map.entry("eight", 8.0),
          Map.entry("nine", 9.0),
          Map.entry("ten", 10.0),
          Map.entry("eleven", 11.0),
          Map.entry("twelve", 12.0),
          Map.entry("thirteen", 13.0),
          Map.entry("fourteen", 14.0),
          Map.entry("fifteen", 15.0),
          Map.entry("sixteen", 16.0),
          Map.entry("seventeen", 17.0),
          Map.entry("eighteen", 18.0),
          Map.entry("nineteen", 19.0),
          Map.entry("twenty", 20.0),
          Map.entry("thirty", 30.0),
          Map.entry("forty", 40.0),
          Map.entry("fifty", 50.0),
          Map.entry("hundred", 100.0),
          Map.entry("second", 2.0),
          Map.entry("third", 3.0),
          Map.entry("fourth", 4.0),
          Map.entry("fifth", 5.0),
          Map.entry("sixth", 6.0),
          Map.entry("seventh", 7.0),
          Map.entry("eighth", 8.0),
          Map.entry("ninth", 9.0),
          Map.entry("tenth", 10.0));

  private static final Map<String, Double> SCALES =
      Map.of("thousand", 1e3, "million", 1e6, "billion", 1e9, "trillion", 1e12);

  /** Months are the parts of dates that most often differ; they are names here. */
  private static final Set<String> MONTHS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");

  /** True for the name of a month (part of a date rather than a name of its own). */
  static boolean isMonth(Term t) {
    return t.kind() == Kind.NAME && MONTHS.contains(t.surface().toLowerCase(Locale.ROOT));
  }

  /** The terms of {@code text}, in order, without stop words. */
  static List<Term> of(String text) {
    EnglishStemmer stemmer = new EnglishStemmer();
    List<Term> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    boolean sentenceStart = true;
    int last = 0;
    while (m.find()) {
      String between = text.substring(last, m.start());
      if (between.indexOf('.') >= 0 || between.indexOf('!') >= 0 || between.indexOf('?') >= 0) {
        sentenceStart = true;
      }
      last = m.end();
      String w = m.group();
      if (w.endsWith("'s") || w.endsWith("’s")) {
        w = w.substring(0, w.length() - 2);
      }
      w = trimDashes(w);
      if (w.isEmpty()) {
        continue;
      }
      String lower = w.toLowerCase(Locale.ROOT);
      double number = number(w, lower);
      if (!Double.isNaN(number)) {
        int after = m.end();
        Matcher next = WORD.matcher(text);
        if (next.find(after) && SCALES.containsKey(next.group().toLowerCase(Locale.ROOT))) {
          number *= SCALES.get(next.group().toLowerCase(Locale.ROOT));
        }
        out.add(new Term(canonical(number), w, Kind.NUMBER, number, m.start(), m.end()));
        sentenceStart = false;
        continue;
      }
      if (SCALES.containsKey(lower) || STOP.contains(lower)) {
        sentenceStart = false;
        continue;
      }
      boolean capital = Character.isUpperCase(w.charAt(0));
      boolean acronym = w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT));
      Kind kind =
          MONTHS.contains(lower) || (capital && (acronym || !(sentenceStart && common(lower))))
              ? Kind.NAME
              : Kind.WORD;
      out.add(new Term(stem(stemmer, lower), w, kind, Double.NaN, m.start(), m.end()));
      sentenceStart = false;
    }
    return out;
  }

  /** The stem of one lower-case word. */
  static String stem(EnglishStemmer stemmer, String lower) {
    StringBuilder b = new StringBuilder(lower.length());
    for (String part : lower.split("-")) {
      if (part.isEmpty()) {
        continue;
      }
      stemmer.setCurrent(part.replace("’", "'"));
      stemmer.stem();
      b.append(b.length() == 0 ? "" : "-").append(stemmer.getCurrent());
    }
    return b.toString();
  }

  private static String trimDashes(String w) {
    int s = 0;
    int e = w.length();
    while (s < e && (w.charAt(s) == '-' || w.charAt(s) == '\'' || w.charAt(s) == '’')) {
      s++;
    }
    while (e > s && (w.charAt(e - 1) == '-' || w.charAt(e - 1) == '\'' || w.charAt(e - 1) == '’')) {
      e--;
    }
    return w.substring(s, e);
  }

  /** A capitalised word at the start of a sentence is only a name if it is not a common word. */
  private static boolean common(String lower) {
    return lower.length() <= 3 || lower.endsWith("ly") || lower.endsWith("ing");
  }

  /** The value of a numeric word, or NaN. */
  static double number(String word, String lower) {
    Double named = NUMBER_WORDS.get(lower);
    if (named != null) {
      return named;
    }
    String w = word;
    if (w.startsWith("$")) {
      w = w.substring(1);
    }
    if (w.endsWith("%")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
      return Double.NaN;
    }
    String digits = w.replace(",", "");
    if (digits.endsWith(".")) {
      digits = digits.substring(0, digits.length() - 1);
    }
    try {
      return Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A number as a comparable key: integers without a fraction, others rounded to 4 places. */
  static String canonical(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return "#" + (long) v;
    }
    return "#" + String.format(Locale.ROOT, "%.4f", v);
  }
}
