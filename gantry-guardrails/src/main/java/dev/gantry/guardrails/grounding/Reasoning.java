package dev.gantry.guardrails.grounding;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claims that choose among the entities a question names. A comparison ("X was born first", "Y has
 * more species") combines two facts of the sources rather than restating one, and is checked
 * against the dates and numbers the sources state for each entity; any other claim about one of
 * them is checked against what the sources say of the others ({@link #otherFitsBetter}). Stateless.
 */
final class Reasoning {
  private Reasoning() {}

  /** The direction of a comparison: the earliest or the latest; the most or the fewest. */
  private enum Order {
    EARLIEST,
    LATEST,
    MOST,
    FEWEST
  }

  private static final Map<String, Order> COMPARATIVES = comparatives();

  private static Map<String, Order> comparatives() {
    Map<String, Order> m = new HashMap<>();
    for (String w :
        List.of("first", "earlier", "earliest", "older", "oldest", "before", "sooner", "elder")) {
      m.put(w, Order.EARLIEST);
    }
    for (String w :
        List.of("later", "latest", "younger", "youngest", "newer", "newest", "second")) {
      m.put(w, Order.LATEST);
    }
    for (String w :
        List.of(
            "more",
            "most",
            "larger",
            "largest",
            "bigger",
            "biggest",
            "longer",
            "longest",
            "higher",
            "highest",
            "taller",
            "tallest",
            "greater",
            "greatest")) {
      m.put(w, Order.MOST);
    }
    for (String w :
        List.of("fewer", "fewest", "less", "least", "smaller", "smallest", "shorter", "shortest")) {
      m.put(w, Order.FEWEST);
    }
    return Map.copyOf(m);
  }

  /** A question that offers alternatives: "X or Y", "between X and Y". */
  private static final Pattern OFFERS = Pattern.compile("\\b(?:or|between)\\b");

  private static final Pattern LOWER_WORD = Pattern.compile("\\b\\p{Ll}+\\b");

  private static final Set<String> NEGATIONS = Set.of("not", "never", "neither", "nor");

  /**
   * Checks a comparison claim against the sources: when the question offers entities to choose from
   * ("X or Y", "between X and Y") and the claim picks one of them as the earliest (or latest, most,
   * fewest) and the dates or numbers the sources state for the question's entities make another one
   * so, a description ("Pablo Trapero 1971 ≠ Aleksander Ford 1908"); otherwise (the claim compares
   * nothing, agrees with the sources, or the sources do not state a value for two of the entities)
   * "".
   */
  static String comparison(
      String text,
      List<Terms.Term> claim,
      String question,
      List<Terms.Term> asked,
      Evidence evidence) {
    Order order = order(text);
    if (order == null || order(question) == null || !OFFERS.matcher(question).find()) {
      return "";
    }
    List<List<Terms.Term>> options = Terms.names(question, asked);
    if (options.size() < 2) {
      return "";
    }
    // The entity the claim picks: the question's name that the claim mentions first.
    int picked = -1;
    int at = Integer.MAX_VALUE;
    for (int k = 0; k < options.size(); k++) {
      int p = position(options.get(k), claim);
      if (p >= 0 && p < at) {
        at = p;
        picked = k;
      }
    }
    if (picked < 0) {
      return "";
    }
    Set<String> quantity = new HashSet<>();
    for (Terms.Term t : asked) {
      if (t.kind() == Terms.Kind.WORD) {
        quantity.add(t.stem());
      }
    }
    boolean time = order == Order.EARLIEST || order == Order.LATEST;
    double[] values = new double[options.size()];
    int known = 0;
    for (int k = 0; k < options.size(); k++) {
      List<Terms.Term> name = options.get(k);
      values[k] = value(name, evidence, time, quantity);
      if (Double.isNaN(values[k]) && name.size() > 1) {
        // "Joe Manganiello" is "Joseph Michael Manganiello" in the source: the last word alone.
        values[k] = value(name.subList(name.size() - 1, name.size()), evidence, time, quantity);
      }
      if (!Double.isNaN(values[k])) {
        known++;
      }
    }
    if (known < 2 || Double.isNaN(values[picked])) {
      return "";
    }
    boolean lowest = order == Order.EARLIEST || order == Order.FEWEST;
    int best = -1;
    for (int k = 0; k < values.length; k++) {
      if (Double.isNaN(values[k])) {
        continue;
      }
      if (best < 0 || (lowest ? values[k] < values[best] : values[k] > values[best])) {
        best = k;
      }
    }
    boolean right = values[best] == values[picked];
    if (right != negated(text)) {
      return "";
    }
    return surface(options.get(picked))
        + " "
        + Terms.canonical(values[picked]).substring(1)
        + " ≠ "
        + surface(options.get(best))
        + " "
        + Terms.canonical(values[best]).substring(1);
  }

  private static String surface(List<Terms.Term> name) {
    StringBuilder b = new StringBuilder();
    name.forEach(t -> b.append(b.length() == 0 ? "" : " ").append(t.surface()));
    return b.toString();
  }

  /** The comparative word of a text (lower-case words only: "First for Women" is a name). */
  private static Order order(String text) {
    Matcher m = LOWER_WORD.matcher(text);
    while (m.find()) {
      Order o = COMPARATIVES.get(m.group());
      if (o != null) {
        return o;
      }
    }
    return null;
  }

  private static boolean negated(String text) {
    Matcher m = LOWER_WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (NEGATIONS.contains(m.group())) {
        return true;
      }
    }
    return text.contains("n't");
  }

  /** Index in {@code terms} where {@code name} starts (its words in order), or -1. */
  private static int position(List<Terms.Term> name, List<Terms.Term> terms) {
    for (int s = 0; s < terms.size(); s++) {
      if (Evidence.inOrder(name, terms.subList(s, terms.size()))
          && terms.get(s).stem().equals(name.get(0).stem())) {
        return s;
      }
    }
    return -1;
  }

  /**
   * The value the sources give an entity: in the first sentence that names it and has one after the
   * name, for a time comparison the first year after the name; for a quantity, the first number
   * after the name that stands just before a word of the question ("48 species").
   */
  private static double value(
      List<Terms.Term> name, Evidence evidence, boolean time, Set<String> quantity) {
    for (Evidence.Line l : evidence.lines) {
      List<Terms.Term> terms = l.terms();
      int p = position(name, terms);
      if (p < 0) {
        continue;
      }
      for (int i = p + name.size(); i < terms.size(); i++) {
        Terms.Term t = terms.get(i);
        if (t.kind() != Terms.Kind.NUMBER) {
          continue;
        }
        if (time && isYear(t.value())) {
          return t.value();
        }
        if (!time && !isYear(t.value())) {
          for (int j = i + 1; j < terms.size() && j <= i + 3; j++) {
            if (quantity.contains(terms.get(j).stem())) {
              return t.value();
            }
          }
        }
      }
    }
    return Double.NaN;
  }

  private static boolean isYear(double v) {
    return v == Math.rint(v) && v >= 1000 && v <= 2100;
  }

  /**
   * How much better the sources' sentences about another entity of the question hold what the claim
   * says of the one it names: the claim's words outside the question's names (its property) are
   * looked up, for each name of the question, in the sentences that name it (with the sentence
   * after each); the result is the best share among the names the claim does not mention minus the
   * worst among those it does. High when the claim puts the wrong entity into the slot ("Ken Loach
   * is the American director" where the sources call Mark L. Lester American); 0 when the question
   * names fewer than two entities, the claim names none of them or all of them, or says nothing
   * else.
   */
  static double otherFitsBetter(
      List<Terms.Term> claim, String question, List<Terms.Term> asked, Evidence evidence) {
    List<List<Terms.Term>> options = Terms.names(question, asked);
    if (options.size() < 2) {
      return 0;
    }
    Set<String> optionStems = new HashSet<>();
    options.forEach(n -> n.forEach(t -> optionStems.add(t.stem())));
    Map<String, Double> property = new HashMap<>();
    for (Terms.Term t : claim) {
      if (!optionStems.contains(t.stem())) {
        property.merge(t.stem(), ClaimFeatures.weight(t), Math::max);
      }
    }
    double total = 0;
    for (double w : property.values()) {
      total += w;
    }
    if (total == 0) {
      return 0;
    }
    double named = 2;
    double other = -1;
    List<Evidence.Line> lines = evidence.lines;
    for (List<Terms.Term> option : options) {
      double best = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (!Evidence.inOrder(option, lines.get(i).terms())) {
          continue;
        }
        Set<String> stems = new HashSet<>(lines.get(i).stems());
        if (i + 1 < lines.size() && lines.get(i + 1).source() == lines.get(i).source()) {
          stems.addAll(lines.get(i + 1).stems());
        }
        double in = 0;
        for (Map.Entry<String, Double> e : property.entrySet()) {
          if (stems.contains(e.getKey())) {
            in += e.getValue();
          }
        }
        best = Math.max(best, in / total);
      }
      if (Evidence.inOrder(option, claim)) {
        named = Math.min(named, best);
      } else {
        other = Math.max(other, best);
      }
    }
    return named <= 1 && other >= 0 ? other - named : 0;
  }
}
