package dev.gantry.guardrails.injection;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named heuristic: the text matches when it matches {@code pattern} and, if {@code
 * alsoRequires} is set, matches that too anywhere. Texts are the normaliser's folded lower-case
 * forms. The {@code anchors} say which substrings any match must contain; {@link Rules} tests them
 * all in one pass and skips the expressions of rules whose anchors are missing, which keeps them
 * off almost every text.
 *
 * @param name stable dotted name, {@code category.detail}, reported in verdicts
 * @param anchors groups of lower-case substrings; any match of the rule contains one substring of
 *     each group
 * @param pattern the match
 * @param alsoRequires a second condition anywhere in the text, or null
 */
record Rule(String name, List<List<String>> anchors, Pattern pattern, Pattern alsoRequires) {
  Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    anchors = anchors.stream().map(List::copyOf).toList();
    if (anchors.isEmpty() || anchors.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("rule " + name + " needs non-empty anchor groups");
    }
  }

  /** The literal strings every match of {@link #pattern} begins with; empty if unknown. */
  List<String> starts() {
    return Starts.of(pattern.pattern());
  }

  /**
   * Whether the expressions match, trying {@link #pattern} only where one of {@code starts} occurs
   * (all positions when {@code starts} is empty). Same answer as {@link #patternsMatch}, faster.
   */
  boolean patternsMatch(String lower, List<String> starts) {
    if (starts.isEmpty()) {
      return patternsMatch(lower);
    }
    Matcher m = pattern.matcher(lower).useTransparentBounds(true).useAnchoringBounds(false);
    int n = lower.length();
    for (String start : starts) {
      for (int p = lower.indexOf(start); p >= 0; p = lower.indexOf(start, p + 1)) {
        m.region(p, n);
        if (m.lookingAt()) {
          return alsoRequires == null || alsoRequires.matcher(lower).find();
        }
      }
    }
    return false;
  }

  /** Whether the expressions match, whatever the anchors say; searches every position. */
  boolean patternsMatch(String lower) {
    return pattern.matcher(lower).find()
        && (alsoRequires == null || alsoRequires.matcher(lower).find());
  }

  /** The rule's category: the part of its name before the first dot. */
  String category() {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
