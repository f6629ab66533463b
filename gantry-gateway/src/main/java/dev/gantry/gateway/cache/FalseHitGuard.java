package dev.gantry.gateway.cache;

import java.util.HashSet;
import java.util.Set;

/**
 * Refuses a semantic match when the two questions differ in something that changes the answer even
 * though their embeddings are close: one is negated and the other not (compared when at least one
 * of them is a single sentence), they name other numbers or dates, one names an entity the other
 * does not mention, their comparison words point opposite ways, or they take opposite sides of a
 * polar pair ("turn on" / "turn off"). Stateless and thread-safe.
 */
final class FalseHitGuard {
  private FalseHitGuard() {}

  static GuardVerdict check(String a, String b) {
    return check(QuestionFeatures.of(a), QuestionFeatures.of(b));
  }

  static GuardVerdict check(QuestionFeatures a, QuestionFeatures b) {
    // Negation is compared when at least one side is a single sentence: across two paragraphs
    // the parity of all their negations says nothing about any one claim ("without downloading"
    // in one sentence, "not the same" in another).
    boolean oneClaim = Math.min(a.sentences(), b.sentences()) <= 1;
    if (oneClaim && a.negated() != b.negated()) {
      return new GuardVerdict.Disagree(
          GuardVerdict.Kind.NEGATION, (a.negated() ? "first" : "second") + " is negated");
    }
    if (!a.numbers().equals(b.numbers())) {
      return new GuardVerdict.Disagree(
          GuardVerdict.Kind.NUMBER, a.numbers() + " vs " + b.numbers());
    }
    if (!a.dates().equals(b.dates())) {
      return new GuardVerdict.Disagree(GuardVerdict.Kind.DATE, a.dates() + " vs " + b.dates());
    }
    String missing = missing(a, b);
    if (missing == null) {
      missing = missing(b, a);
    }
    if (missing != null) {
      return new GuardVerdict.Disagree(GuardVerdict.Kind.ENTITY, missing);
    }
    if ((a.up() && !a.down() && b.down() && !b.up())
        || (a.down() && !a.up() && b.up() && !b.down())) {
      return new GuardVerdict.Disagree(
          GuardVerdict.Kind.COMPARISON, a.up() ? "more vs less" : "less vs more");
    }
    String opposite = opposite(a.polar(), b.polar());
    if (opposite != null) {
      return new GuardVerdict.Disagree(GuardVerdict.Kind.POLARITY, opposite);
    }
    return GuardVerdict.AGREE;
  }

  /** An entity of {@code a} that {@code b} does not mention, or null. */
  private static String missing(QuestionFeatures a, QuestionFeatures b) {
    for (String e : a.entities()) {
      if (!b.words().contains(e)
          && !b.words().contains(Lexicon.stem(e))
          && java.util.Collections.disjoint(a.aliases().getOrDefault(e, Set.of()), b.words())) {
        return "'" + e + "' is not in the other question";
      }
    }
    return null;
  }

  /** A polar pair on which the two take opposite sides, or null. */
  private static String opposite(Set<String> a, Set<String> b) {
    Set<String> sidesA = sides(a);
    Set<String> sidesB = sides(b);
    for (String s : sidesA) {
      String pair = s.substring(0, s.length() - 2);
      String other = pair + (s.endsWith(":a") ? ":b" : ":a");
      if (sidesB.contains(other) && !sidesB.contains(s) && !sidesA.contains(other)) {
        return pair;
      }
    }
    return null;
  }

  private static Set<String> sides(Set<String> polar) {
    Set<String> out = new HashSet<>();
    for (String p : polar) {
      for (String s : p.split("\\|")) {
        out.add(s);
      }
    }
    return out;
  }
}
