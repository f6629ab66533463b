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
 * @param words every lower-case word, possessives dropped (to look entities up in)
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
    boolean up,
    boolean down,
    Set<String> polar) {

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}_$#+]+(?:['’.,/:\\-][\\p{L}\\p{N}_]+)*");

  static QuestionFeatures of(String text) {
    List<String> raw = new ArrayList<>();
    List<Character> after = new ArrayList<>();
    List<Boolean> inParentheses = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int depth = 0;
    int scanned = 0;
    while (m.find()) {
      for (; scanned < m.start(); scanned++) {
        char c = text.charAt(scanned);
        depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
      }
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
    boolean up = false;
    boolean down = false;
    for (int i = 0; i < raw.size(); i++) {
      String token = raw.get(i);
      String lower = Lexicon.possessive(token.toLowerCase(Locale.ROOT).replace('’', '\''));
      words.add(lower);
      words.add(Lexicon.stem(lower));
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
      boolean sentenceStart = i == 0 || ".!?:\n".indexOf(after.get(i - 1)) >= 0;
      if (Lexicon.entity(token, sentenceStart)) {
        entities.add(lower);
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
    numbers.sort(null);
    return new QuestionFeatures(
        negations % 2 == 1, numbers, dates, entities, words, up, down, polar);
  }

  /** Number tokens as a count per value (for messages). */
  Map<String, Integer> numberCounts() {
    Map<String, Integer> out = new TreeMap<>();
    numbers.forEach(n -> out.merge(n, 1, Integer::sum));
    return out;
  }
}
