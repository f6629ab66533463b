package dev.gantry.eval.assertion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code contains} / {@code icontains} (case-insensitive), with {@code -any} / {@code -all}
 * variants: the output must contain all (default) or any of the given substrings.
 */
record Contains(String type, List<String> needles, boolean ignoreCase, boolean all)
    implements Assertion {
  Contains {
    needles = List.copyOf(needles);
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    String hay = ignoreCase ? output.text().toLowerCase(Locale.ROOT) : output.text();
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String needle : needles) {
      String n = ignoreCase ? needle.toLowerCase(Locale.ROOT) : needle;
      (hay.contains(n) ? found : missing).add(needle);
    }
    boolean ok = all ? missing.isEmpty() : !found.isEmpty();
    String detail;
    if (ok) {
      detail = "output contains " + quoted(found);
    } else if (all) {
      detail = "output " + Quote.of(output.text()) + " lacks " + quoted(missing);
    } else {
      detail = "output " + Quote.of(output.text()) + " contains none of " + quoted(missing);
    }
    return Check.of(ok, detail);
  }

  private static String quoted(List<String> items) {
    List<String> q = new ArrayList<>();
    for (String s : items) {
      q.add(Quote.of(s));
    }
    return String.join(", ", q);
  }
}
