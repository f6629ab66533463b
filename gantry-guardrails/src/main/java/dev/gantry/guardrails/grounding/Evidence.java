package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sources of one answer, split into sentences and terms once, for all its claims. Immutable
 * after construction; one per check.
 */
final class Evidence {
  /**
   * One sentence of one source.
   *
   * @param source the source's number, from 1
   */
  record Line(int source, String text, List<Terms.Term> terms, Set<String> stems) {}

  final List<String> sources;
  final List<Line> lines = new ArrayList<>();
  final Set<String> stems = new HashSet<>();
  final List<Double> numbers = new ArrayList<>();
  private final String folded;

  Evidence(List<String> sources) {
    this.sources = List.copyOf(sources);
    this.folded = fold(String.join("\n", this.sources));
    for (int i = 0; i < this.sources.size(); i++) {
      String text = this.sources.get(i);
      for (Sentences.Span s : Sentences.split(text)) {
        String line = text.substring(s.start(), s.end());
        List<Terms.Term> terms = Terms.of(line);
        if (terms.isEmpty()) {
          continue;
        }
        Set<String> set = new HashSet<>();
        for (Terms.Term t : terms) {
          set.add(t.stem());
          if (t.kind() == Terms.Kind.NUMBER) {
            numbers.add(t.value());
          }
        }
        stems.addAll(set);
        lines.add(new Line(i + 1, line, terms, Set.copyOf(set)));
      }
    }
  }

  /**
   * True when {@code t} occurs in the sources. Numbers compare by value: whole numbers exactly (a
   * year or a count that is off by one is a different claim), others within half a percent.
   */
  boolean contains(Terms.Term t) {
    if (t.kind() == Terms.Kind.NUMBER) {
      return hasNumber(numbers, t.value());
    }
    return stems.contains(t.stem());
  }

  static boolean hasNumber(List<Double> numbers, double v) {
    for (double n : numbers) {
      boolean whole = n == Math.rint(n) && v == Math.rint(v);
      if (n == v || (!whole && Math.abs(n - v) <= 0.005 * Math.max(Math.abs(n), Math.abs(v)))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code text} occurs in a source, ignoring case, spacing and a final full stop. */
  boolean containsText(String text) {
    String t = fold(text);
    while (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return !t.isEmpty() && folded.contains(t);
  }

  private static String fold(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /**
   * True when the words of a name occur in this order in one sentence of a source, at most two
   * words apart ("Laura Kirk" in "Laura Ellen Kirk", but not "Stilted Hectors" in "Hector on
   * Stilts").
   */
  boolean containsName(List<Terms.Term> name) {
    for (Line l : lines) {
      if (inOrder(name, l.terms())) {
        return true;
      }
    }
    return false;
  }

  static boolean inOrder(List<Terms.Term> name, List<Terms.Term> line) {
    for (int s = 0; s < line.size(); s++) {
      if (!line.get(s).stem().equals(name.get(0).stem())) {
        continue;
      }
      int at = s;
      int k = 1;
      while (k < name.size()) {
        int found = -1;
        for (int j = at + 1; j < line.size() && j <= at + 3; j++) {
          if (line.get(j).stem().equals(name.get(k).stem())) {
            found = j;
            break;
          }
        }
        if (found < 0) {
          break;
        }
        at = found;
        k++;
      }
      if (k == name.size()) {
        return true;
      }
    }
    return false;
  }

  /** The lines of source {@code number} (from 1). */
  List<Line> linesOf(int number) {
    List<Line> out = new ArrayList<>();
    for (Line l : lines) {
      if (l.source() == number) {
        out.add(l);
      }
    }
    return out;
  }
}
