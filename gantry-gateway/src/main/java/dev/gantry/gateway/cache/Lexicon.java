package dev.gantry.gateway.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The word lists behind {@link QuestionFeatures}: negations, number words, months and weekdays,
 * comparison words, polar pairs and the common capitalised words that are not names. English only.
 * Stateless.
 */
final class Lexicon {
  private Lexicon() {}

  enum Polarity {
    UP,
    DOWN,
    NONE
  }

  private static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "no",
          "never",
          "none",
          "nobody",
          "nothing",
          "nowhere",
          "neither",
          "nor",
          "cannot",
          "without",
          "dont",
          "doesnt",
          "didnt",
          "isnt",
          "arent",
          "wasnt",
          "werent",
          "cant",
          "couldnt",
          "wont",
          "wouldnt",
          "shouldnt",
          "hasnt",
          "havent",
          "hadnt",
          "aint",
          "mustnt",
          "neednt",
          "unable",
          "absence",
          "lack",
          "lacks",
          "lacking");

  private static final Map<String, String> NUMBER_WORDS = new HashMap<>();

  static {
    String[] ones = {
      "zero",
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "eleven",
      "twelve",
      "thirteen",
      "fourteen",
      "fifteen",
      "sixteen",
      "seventeen",
      "eighteen",
      "nineteen",
      "twenty"
    };
    // "one" (the pronoun) and the ordinals "first" and "second" are too often not numbers.
    for (int i = 2; i < ones.length; i++) {
      NUMBER_WORDS.put(ones[i], Integer.toString(i));
    }
    String[] ordinals = {
      "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
      "tenth"
    };
    for (int i = 3; i < ordinals.length; i++) {
      NUMBER_WORDS.put(ordinals[i], Integer.toString(i));
    }
    String[] tens = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < tens.length; i++) {
      NUMBER_WORDS.put(tens[i], Integer.toString(30 + 10 * i));
    }
    NUMBER_WORDS.put("dozen", "12");
    NUMBER_WORDS.put("twice", "2");
  }

  private static final Map<String, String> MONTHS = new HashMap<>();

  static {
    String[] names = {
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
      "december"
    };
    for (int i = 0; i < names.length; i++) {
      MONTHS.put(names[i], "m" + (i + 1));
      if (names[i].length() > 3) {
        MONTHS.put(names[i].substring(0, 3), "m" + (i + 1));
      }
    }
    MONTHS.put("sept", "m9");
    String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (int i = 0; i < days.length; i++) {
      MONTHS.put(days[i], "d" + (i + 1));
      MONTHS.put(days[i] + "s", "d" + (i + 1)); // "open on Saturdays" asks about Saturday
    }
    for (String rel :
        new String[] {"today", "tomorrow", "yesterday", "tonight", "weekend", "weekday"}) {
      MONTHS.put(rel, rel);
    }
    MONTHS.put("weekends", "weekend");
    MONTHS.put("weekdays", "weekday");
    for (String season : new String[] {"spring", "summer", "autumn", "fall", "winter"}) {
      MONTHS.put(season, season.equals("fall") ? "autumn" : season);
    }
  }

  /** Month abbreviations and names that are also ordinary words, only dates next to a number. */
  private static final Set<String> AMBIGUOUS_DATES =
      Set.of(
          "may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sat",
          "sun", "fall", "spring");

  private static final Set<String> RELATIVE = Set.of("next", "last", "this", "previous", "coming");
  private static final Set<String> PERIODS = Set.of("week", "month", "year", "quarter", "day");

  private static final Set<String> UP =
      Set.of(
          "more",
          "most",
          "greater",
          "greatest",
          "higher",
          "highest",
          "larger",
          "largest",
          "bigger",
          "biggest",
          "faster",
          "fastest",
          "better",
          "best",
          "longer",
          "longest",
          "stronger",
          "strongest",
          "richer",
          "richest",
          "older",
          "oldest",
          "heavier",
          "heaviest",
          "taller",
          "tallest",
          "max",
          "maximum",
          "harder",
          "hardest",
          "costlier",
          "expensive",
          "increase",
          "increases",
          "increased",
          "increasing",
          "above",
          "over",
          "exceed",
          "exceeds",
          "upper");

  private static final Set<String> DOWN =
      Set.of(
          "less",
          "least",
          "fewer",
          "fewest",
          "lower",
          "lowest",
          "smaller",
          "smallest",
          "slower",
          "slowest",
          "worse",
          "worst",
          "shorter",
          "shortest",
          "weaker",
          "weakest",
          "poorer",
          "poorest",
          "younger",
          "youngest",
          "lighter",
          "lightest",
          "min",
          "minimum",
          "easier",
          "easiest",
          "cheaper",
          "cheapest",
          "cheap",
          "decrease",
          "decreases",
          "decreased",
          "decreasing",
          "below");

  /** Polar pairs: each word's pair name and side; two questions must not take opposite sides. */
  private static final Map<String, String> POLAR = new HashMap<>();

  static {
    String[][] pairs = {
      {"on", "off"},
      {"enable", "disable"},
      {"activate", "deactivate"},
      {"allow", "deny"},
      {"allow", "block"},
      {"accept", "reject"},
      {"add", "remove"},
      {"add", "delete"},
      {"create", "delete"},
      {"include", "exclude"},
      {"start", "stop"},
      {"open", "close"},
      {"lock", "unlock"},
      {"upload", "download"},
      {"import", "export"},
      {"install", "uninstall"},
      {"encrypt", "decrypt"},
      {"connect", "disconnect"},
      {"subscribe", "unsubscribe"},
      {"buy", "sell"},
      {"before", "after"},
      {"true", "false"},
      {"push", "pull"},
      {"send", "receive"},
      {"login", "logout"},
      {"input", "output"},
      {"inbound", "outbound"},
      {"first", "last"},
      {"positive", "negative"},
      {"legal", "illegal"},
      {"possible", "impossible"},
      {"safe", "unsafe"},
      {"valid", "invalid"},
      {"public", "private"},
      {"online", "offline"},
      {"male", "female"},
      {"credit", "debit"},
      {"win", "lose"},
      {"gain", "lose"},
      {"hot", "cold"},
      {"early", "late"},
      {"import", "export"},
      {"increase", "decrease"},
      {"maximum", "minimum"},
      {"upgrade", "downgrade"},
      {"join", "leave"},
      {"hire", "fire"},
      {"pass", "fail"},
      {"succeed", "fail"},
      {"easy", "hard"},
      {"left", "right"},
      {"north", "south"},
      {"east", "west"},
      {"good", "bad"},
      {"love", "hate"},
      {"agree", "disagree"},
      {"like", "dislike"},
      {"cause", "cure"},
      {"prevent", "cause"},
      {"advantage", "disadvantage"},
      {"pro", "con"},
      {"mount", "unmount"},
      {"show", "hide"},
      {"visible", "hidden"},
      {"sync", "async"},
      {"synchronous", "asynchronous"},
    };
    for (String[] p : pairs) {
      String name = p[0] + "/" + p[1];
      POLAR.merge(p[0], name + ":a", (x, y) -> x + "|" + y);
      POLAR.merge(p[1], name + ":b", (x, y) -> x + "|" + y);
    }
  }

  /**
   * Capitalised words that are not names: question words, auxiliaries, pronouns, articles and other
   * sentence openers.
   */
  private static final Set<String> COMMON =
      Set.of(
          "what",
          "whats",
          "when",
          "where",
          "which",
          "who",
          "whom",
          "whose",
          "why",
          "how",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "do",
          "does",
          "did",
          "can",
          "could",
          "will",
          "would",
          "shall",
          "should",
          "may",
          "might",
          "must",
          "have",
          "has",
          "had",
          "i",
          "im",
          "ive",
          "id",
          "ill",
          "you",
          "your",
          "we",
          "our",
          "they",
          "their",
          "he",
          "she",
          "it",
          "its",
          "my",
          "me",
          "the",
          "a",
          "an",
          "this",
          "that",
          "these",
          "those",
          "there",
          "here",
          "if",
          "in",
          "on",
          "at",
          "for",
          "to",
          "of",
          "and",
          "or",
          "but",
          "so",
          "as",
          "by",
          "with",
          "from",
          "about",
          "into",
          "please",
          "tell",
          "explain",
          "give",
          "show",
          "list",
          "describe",
          "find",
          "get",
          "let",
          "lets",
          "hi",
          "hello",
          "hey",
          "thanks",
          "yes",
          "no",
          "not",
          "any",
          "some",
          "all",
          "each",
          "every",
          "other",
          "also",
          "then",
          "now",
          "just",
          "only",
          "again",
          "however",
          "one",
          "use",
          "using",
          "make",
          "after",
          "before",
          "since",
          "while",
          "during",
          "than",
          "like",
          "many",
          "much",
          "more",
          "most",
          "best",
          "good",
          "new",
          "first",
          "last",
          "ok",
          "okay",
          "dear",
          "users",
          "user",
          "it's",
          "there's",
          "what's",
          "how's");

  /** Drops a trailing possessive ({@code 's}, {@code s'}). */
  static String possessive(String lower) {
    if (lower.endsWith("'s")) {
      return lower.substring(0, lower.length() - 2);
    }
    if (lower.endsWith("s'")) {
      return lower.substring(0, lower.length() - 1);
    }
    return lower;
  }

  /** A crude English stem: plural and verb endings dropped, so "disables" meets "disable". */
  static String stem(String w) {
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ied")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return w.substring(0, w.length() - (w.endsWith("eed") ? 1 : 2));
    }
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("es") && (w.endsWith("ses") || w.endsWith("xes"))) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** True when the lower-case token negates; a "no" followed by a comma answers, not negates. */
  static boolean negation(String lower, char after) {
    if (lower.equals("no") && after == ',') {
      return false;
    }
    return NEGATIONS.contains(lower)
        || lower.endsWith("n't")
        || lower.startsWith("non-")
        || lower.startsWith("no-");
  }

  /**
   * The number(s) a lower-case token stands for, space-separated, or null: digits (thousands
   * separators dropped; "2.10" stays apart from "2.1", which as versions differ), ordinals (1st,
   * 2nd) and number words.
   */
  static String number(String lower, char after) {
    if (after == ')') {
      return null; // a list marker, "1) … 2) …" (a number closing parentheses is passed as ' ')
    }
    String w = NUMBER_WORDS.get(lower);
    if (w != null) {
      return w;
    }
    if (lower.isEmpty() || !hasDigit(lower)) {
      return null;
    }
    String t = lower.replaceAll("(?<=\\d),(?=\\d{3})", "");
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)*").matcher(t);
    while (m.find()) {
      String n = m.group();
      n = n.replaceFirst("^0+(?=\\d)", "");
      out.append(out.length() == 0 ? "" : " ").append(n);
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The date a token names (month, weekday, relative day or period), or null. */
  static String date(String lower, String prev, String next) {
    String d = MONTHS.get(lower);
    if (d != null) {
      if (AMBIGUOUS_DATES.contains(lower) && !hasDigit(prev) && !hasDigit(next)) {
        return null;
      }
      return d;
    }
    if (PERIODS.contains(lower) && RELATIVE.contains(prev)) {
      return prev.equals("previous") ? "last " + lower : prev + " " + lower;
    }
    return null;
  }

  /**
   * True when a token (as written) is a named entity: capitalised and not a common word, an
   * acronym, or a code-like name.
   */
  static boolean entity(String token, boolean sentenceStart) {
    if (token.length() < 2) {
      return false;
    }
    String lower = token.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("’", "");
    if (token.indexOf('_') >= 0 || token.matches("[\\p{L}_]{2,}(\\.[\\p{L}_]{2,})+")) {
      return true;
    }
    if (COMMON.contains(lower) || COMMON.contains(possessive(lower))) {
      return false;
    }
    char first = token.charAt(0);
    if (token.chars().filter(Character::isLetter).count() >= 2
        && token.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
      return true; // an acronym
    }
    if (!Character.isUpperCase(first) || sentenceStart) {
      // camelCase
      for (int i = 1; i < token.length(); i++) {
        if (Character.isUpperCase(token.charAt(i)) && Character.isLowerCase(token.charAt(i - 1))) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** The polarity of a comparison word. */
  static Polarity comparison(String lower) {
    if (UP.contains(lower)) {
      return Polarity.UP;
    }
    return DOWN.contains(lower) ? Polarity.DOWN : Polarity.NONE;
  }

  /** The polar pair(s) and side a word takes ({@code enable/disable:a}), or null. */
  static String polar(String lower, String stem) {
    String p = POLAR.get(lower);
    return p != null ? p : POLAR.get(stem);
  }
}
