package dev.gantry.guardrails.safety;

import dev.gantry.ml.classify.Metrics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figures of a safety classifier (or the keyword baseline) on labelled rows. Overall: a row is
 * flagged when any category is, and counts as positive when it is unsafe. Per category: the rows
 * labelled with it are positives, and the negatives are the rows known not to belong to it (safe
 * rows, and unsafe rows of categories that cannot overlap it, see {@link SafetyTrainer#eligible});
 * unsafe rows whose overlap is unknown are left out.
 *
 * @param overall unsafe vs flagged over every row
 * @param byCategory per category, over its eligible rows
 * @param bySource overall counts per source
 */
public record SafetyEvaluation(
    Metrics overall, Map<SafetyCategory, Metrics> byCategory, Map<String, Metrics> bySource) {
  public SafetyEvaluation {
    byCategory = Collections.unmodifiableMap(new EnumMap<>(byCategory));
    bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
  }

  /** Figures from decisions already made: the flagged categories of each row, in order. */
  public static SafetyEvaluation of(List<SafetyExample> rows, List<Set<SafetyCategory>> flagged) {
    if (flagged.size() != rows.size()) {
      throw new IllegalArgumentException("one decision per row needed");
    }
    Metrics overall = new Metrics(0, 0, 0, 0);
    Map<SafetyCategory, Metrics> byCategory = new EnumMap<>(SafetyCategory.class);
    Map<String, Metrics> bySource = new TreeMap<>();
    for (SafetyCategory c : SafetyCategory.values()) {
      byCategory.put(c, new Metrics(0, 0, 0, 0));
    }
    for (int i = 0; i < rows.size(); i++) {
      SafetyExample r = rows.get(i);
      Set<SafetyCategory> f = flagged.get(i);
      Metrics one = one(!f.isEmpty(), r.unsafe());
      overall = overall.plus(one);
      bySource.merge(r.source(), one, Metrics::plus);
      for (SafetyCategory c : SafetyCategory.values()) {
        Boolean label = SafetyTrainer.eligible(r, c);
        if (label != null) {
          byCategory.merge(c, one(f.contains(c), label), Metrics::plus);
        }
      }
    }
    return new SafetyEvaluation(overall, byCategory, bySource);
  }

  private static Metrics one(boolean flagged, boolean positive) {
    return Metrics.of(new boolean[] {flagged}, new boolean[] {positive});
  }

  /** Macro-averaged F1 over the categories that have positives here. */
  public double macroF1() {
    double sum = 0;
    int n = 0;
    for (Metrics m : byCategory.values()) {
      if (m.positives() > 0) {
        sum += m.f1();
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** A few lines for people: overall, then per category, then per source. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(line("overall", overall));
    for (Map.Entry<SafetyCategory, Metrics> e : byCategory.entrySet()) {
      if (e.getValue().total() > 0) {
        s.append(line("  " + e.getKey().configName(), e.getValue()));
      }
    }
    for (Map.Entry<String, Metrics> e : bySource.entrySet()) {
      s.append(line("  source " + e.getKey(), e.getValue()));
    }
    return s.toString();
  }

  static String line(String name, Metrics m) {
    return String.format(
        Locale.ROOT,
        "%-60s rows %5d  pos %5d  P %.3f  R %.3f  F1 %.3f  FPR %.3f%n",
        name,
        m.total(),
        m.positives(),
        m.precision(),
        m.recall(),
        m.f1(),
        m.falsePositiveRate());
  }
}
