package dev.gantry.gateway.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a question must not change between two questions that share an answer: whether it is
 * negated, the numbers and dates it names, its named entities, the polarity of its comparison words
 * and its polar verbs (on/off, enable/disable, …). Small rules, not a trained model, so every
 * decision can be explained. Immutable.
 *
 * @param negated an odd number of negations (not, no, never, n't, without, …)
 * @param numbers numbers in digits and words (number words turned into digits), sorted with repeats
 * @param dates month and weekday names and relative days (today, tomorrow, next week, …)
 * @param entities lower-case named entities: capitalised words that are not common words, acronyms
 *     and code-like names ({@code snake_case}, {@code dotted.names}, {@code camelCase})
 * @param words every lower-case word, possessives dropped (to look entities up in), the parts of
 *     dotted names and the initials of capitalised runs ("Natural Language Processing" adds nlp)
 * @param aliases other words that mention an entity: the class or function part of a qualified name
 *     ({@code datasets.Metric} → metric) and the initials of the capitalised run it stands in
 * @param sentences how many sentences the text has (a token after . ! ? : or a line break starts
 *     one)
 * @param up comparison words that point up (more, bigger, best, …)
 * @param down comparison words that point down (less, smaller, worst, …)
 * @param polar the polar verbs and particles present, each as its pair's name and side
 */
record QuestionFeatures(
    boolean negated,
    List<String> numbers,
    Set<String> dates,
    Set<String> entities,
    Set<String> words,
    Map<String, Set<String>> aliases,
    int sentences,
    boolean up,
    boolean down,
    Set<String> polar) {

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}_$#+]+(?:['’.,/:\\-][\\p{L}\\p{N}_]+)*");

  static QuestionFeatures of(String text) {
    List<String> raw = new ArrayList<>();
    List<Character> after = new ArrayList<>();
    List<Boolean> inParentheses = new ArrayList<>();
    List<Boolean> starts = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int depth = 0;
    int scanned = 0;
    while (m.find()) {
      boolean start = raw.isEmpty();
      for (; scanned < m.start(); scanned++) {
        char c = text.charAt(scanned);
        depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
        start |= ".!?:\n".indexOf(c) >= 0;
      }
      scanned = m.end();
      starts.add(start);
      raw.add(m.group());
      after.add(m.end() < text.length() ? text.charAt(m.end()) : ' ');
      inParentheses.add(depth > 0);
    }
    int negations = 0;
    List<String> numbers = new ArrayList<>();
    Set<String> dates = new HashSet<>();
    Set<String> entities = new HashSet<>();
    Set<String> words = new HashSet<>();
    Set<String> polar = new HashSet<>();
    Map<String, Set<String>> aliases = new java.util.HashMap<>();
    boolean up = false;
    boolean down = false;
    for (int i = 0; i < raw.size(); i++) {
      String token = raw.get(i);
      String lower = Lexicon.possessive(token.toLowerCase(Locale.ROOT).replace('’', '\''));
      words.add(lower);
      words.add(Lexicon.stem(lower));
      if (lower.indexOf('.') > 0) {
        // A qualified name mentions its parts: datasets.Metric names Metric.
        for (String part : lower.split("\\.")) {
          words.add(part);
        }
      }
      String prev = i > 0 ? raw.get(i - 1).toLowerCase(Locale.ROOT) : "";
      String next = i + 1 < raw.size() ? raw.get(i + 1).toLowerCase(Locale.ROOT) : "";
      if (Lexicon.negation(lower, after.get(i))) {
        negations++;
      }
      String number = Lexicon.number(lower, inParentheses.get(i) ? ' ' : after.get(i));
      if (number != null) {
        numbers.addAll(List.of(number.split(" ")));
      }
      String date = Lexicon.date(lower, prev, next);
      if (date != null) {
        dates.add(date);
      }
      boolean sentenceStart = starts.get(i);
      if (Lexicon.entity(token, sentenceStart)) {
        entities.add(lower);
      }
      String name = qualifiedName(token);
      if (name != null) {
        aliases.computeIfAbsent(lower, k -> new HashSet<>()).add(name);
      }
      String stem = Lexicon.stem(lower);
      Lexicon.Polarity p = Lexicon.comparison(lower);
      up |= p == Lexicon.Polarity.UP;
      down |= p == Lexicon.Polarity.DOWN;
      String side = Lexicon.polar(lower, stem);
      if (side != null) {
        polar.add(side);
      }
    }
    runs(text, raw, starts, entities, words, aliases);
    numbers.sort(null);
    return new QuestionFeatures(
        negations % 2 == 1,
        numbers,
        dates,
        entities,
        words,
        aliases,
        (int) starts.stream().filter(b -> b).count(),
        up,
        down,
        polar);
  }

  /**
   * The part of a qualified name that names the thing ({@code datasets.AudioClassification} →
   * audioclassification, {@code datasets.list_datasets} → list_datasets), or null. Lower-case last
   * parts are left alone: {@code metadata.csv} does not name csv.
   */
  private static String qualifiedName(String token) {
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return null;
    }
    String last = token.substring(dot + 1);
    return Character.isUpperCase(last.charAt(0)) || last.indexOf('_') > 0
        ? last.toLowerCase(Locale.ROOT)
        : null;
  }

  /**
   * Runs of two or more capitalised words (not counting a sentence's first word) stand for their
   * initials: "Random Access Memory" mentions RAM, and each of its named words may be met by the
   * initials.
   */
  private static void runs(
      String text,
      List<String> raw,
      List<Boolean> starts,
      Set<String> entities,
      Set<String> words,
      Map<String, Set<String>> aliases) {
    int i = 0;
    while (i < raw.size()) {
      int j = i;
      while (j < raw.size()
          && Character.isUpperCase(raw.get(j).charAt(0))
          && !(j == i && starts.get(j) && raw.size() > j + 1 && isCommonStart(raw.get(j)))) {
        j++;
      }
      if (j - i >= 2) {
        StringBuilder initials = new StringBuilder();
        for (int k = i; k < j; k++) {
          initials.append(Character.toLowerCase(raw.get(k).charAt(0)));
        }
        String acronym = initials.toString();
        words.add(acronym);
        for (int k = i; k < j; k++) {
          String lower = Lexicon.possessive(raw.get(k).toLowerCase(Locale.ROOT));
          if (entities.contains(lower)) {
            aliases.computeIfAbsent(lower, x -> new HashSet<>()).add(acronym);
          }
        }
      }
      i = Math.max(j, i + 1);
    }
  }

  private static boolean isCommonStart(String token) {
    return !Lexicon.entity(token, false) || !Lexicon.entity(token, true);
  }

  /** Number tokens as a count per value (for messages). */
  Map<String, Integer> numberCounts() {
    Map<String, Integer> out = new TreeMap<>();
    numbers.forEach(n -> out.merge(n, 1, Integer::sum));
    return out;
  }
}
