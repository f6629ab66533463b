package dev.gantry.gateway.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The semantic cache's decision, the same in the gateway and in {@code gantry cache eval}: among
 * the candidates (same fingerprint) at or above the threshold, most similar first, the first that
 * the false-hit guard accepts wins — unless another answer is within {@code margin} of it, in which
 * case the question is ambiguous and nothing is served. Stateless and thread-safe.
 */
final class SemanticMatcher {
  private SemanticMatcher() {}

  static <T> SemanticDecision<T> decide(
      String question,
      List<Candidate<T>> candidates,
      double threshold,
      boolean guard,
      double margin) {
    if (candidates.isEmpty()) {
      return new SemanticDecision<>(Optional.empty(), Double.NaN, null, false);
    }
    List<Candidate<T>> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble((Candidate<T> c) -> c.similarity()).reversed());
    QuestionFeatures asked = guard ? QuestionFeatures.of(question) : null;
    GuardVerdict.Disagree rejection = null;
    for (int i = 0; i < sorted.size() && sorted.get(i).similarity() >= threshold; i++) {
      Candidate<T> c = sorted.get(i);
      if (guard) {
        GuardVerdict v = FalseHitGuard.check(asked, QuestionFeatures.of(c.question()));
        if (v instanceof GuardVerdict.Disagree d) {
          if (rejection == null) {
            rejection = d;
          }
          continue;
        }
      }
      double closest = c.similarity() - margin * (1 - c.similarity());
      for (int j = i + 1; j < sorted.size(); j++) {
        Candidate<T> other = sorted.get(j);
        if (other.similarity() < closest) {
          break;
        }
        if (!other.answerId().equals(c.answerId())) {
          return new SemanticDecision<>(Optional.empty(), c.similarity(), rejection, true);
        }
      }
      return new SemanticDecision<>(Optional.of(c), c.similarity(), rejection, false);
    }
    return new SemanticDecision<>(Optional.empty(), sorted.get(0).similarity(), rejection, false);
  }

  /** The decision for one pair of questions: similar enough and accepted by the guard. */
  static boolean pairHit(String a, String b, double similarity, double threshold, boolean guard) {
    return similarity >= threshold
        && (!guard || FalseHitGuard.check(a, b) instanceof GuardVerdict.Agree);
  }
}
