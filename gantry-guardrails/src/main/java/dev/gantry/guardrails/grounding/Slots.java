package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the claim's names and numbers sit where the sources put them. For each name or number
 * of the claim, the source sentence that best matches the rest of the claim (and the question) is
 * found; if that sentence does not hold the name or number but holds another one of the same kind,
 * the claim has put a value from elsewhere into this place: "Holly Willoughby was in Doctor Who"
 * against "Reggie Yates … in Doctor Who". A sentence that starts with a pronoun may take its
 * subject from the sentence before. Stateless.
 */
final class Slots {
  private Slots() {}

  /** Smallest weighted share of the rest of the claim a sentence must hold to be its place. */
  static final double MIN_CONTEXT = 0.4;

  private static final Set<String> PRONOUNS =
      Set.of("he", "she", "it", "they", "his", "her", "its", "their", "this", "these");

  /** "value ≠ value in the source" descriptions, one per misplaced name or number. */
  static List<String> misplaced(
      String text, List<Terms.Term> claim, List<Terms.Term> asked, Evidence evidence) {
    Set<String> claimStems = new HashSet<>();
    claim.forEach(t -> claimStems.add(t.stem()));
    Set<String> question = new HashSet<>();
    asked.forEach(t -> question.add(t.stem()));
    List<List<Terms.Term>> all = new ArrayList<>(Terms.names(text, claim));
    for (Terms.Term t : claim) {
      if (t.kind() == Terms.Kind.NUMBER) {
        all.add(List.of(t));
      }
    }
    // The claim's own names and numbers; when it has none, it picks among the question's.
    List<List<Terms.Term>> keys = new ArrayList<>();
    for (List<Terms.Term> key : all) {
      boolean given = true;
      for (Terms.Term t : key) {
        given &= question.contains(t.stem());
      }
      if (!given) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      keys = all;
    }
    List<String> out = new ArrayList<>();
    for (List<Terms.Term> key : keys) {
      Set<String> keyStems = new HashSet<>();
      key.forEach(t -> keyStems.add(t.stem()));
      Map<String, Double> context = new HashMap<>();
      for (Terms.Term t : claim) {
        if (!keyStems.contains(t.stem())) {
          context.merge(t.stem(), ClaimFeatures.weight(t), Math::max);
        }
      }
      for (Terms.Term t : asked) {
        boolean otherOption = t.kind() != Terms.Kind.WORD && !claimStems.contains(t.stem());
        if (!keyStems.contains(t.stem()) && !otherOption) {
          context.merge(t.stem(), ClaimFeatures.weight(t), Math::max);
        }
      }
      double total = 0;
      for (double w : context.values()) {
        total += w;
      }
      if (total == 0) {
        continue;
      }
      double best = 0;
      List<Integer> places = new ArrayList<>();
      for (int i = 0; i < evidence.lines.size(); i++) {
        double in = 0;
        Set<String> stems = evidence.lines.get(i).stems();
        for (Map.Entry<String, Double> e : context.entrySet()) {
          if (stems.contains(e.getKey())) {
            in += e.getValue();
          }
        }
        double share = in / total;
        if (share > best + 1e-9) {
          best = share;
          places.clear();
          places.add(i);
        } else if (Math.abs(share - best) <= 1e-9) {
          places.add(i);
        }
      }
      if (best < MIN_CONTEXT) {
        continue;
      }
      String rival = null;
      boolean held = false;
      for (int i : places) {
        Evidence.Line line = evidence.lines.get(i);
        if (holds(key, line, evidence, i)) {
          held = true;
          break;
        }
        if (rival == null) {
          rival = rival(key.get(0), line, claimStems);
        }
      }
      if (!held && rival != null) {
        out.add(surface(key) + " ≠ " + rival);
      }
    }
    return out;
  }

  private static boolean holds(List<Terms.Term> key, Evidence.Line line, Evidence e, int index) {
    if (matches(key, line)) {
      return true;
    }
    boolean pronoun =
        !line.text().isEmpty()
            && PRONOUNS.contains(firstWord(line.text()).toLowerCase(java.util.Locale.ROOT));
    if (pronoun && index > 0) {
      Evidence.Line before = e.lines.get(index - 1);
      return before.source() == line.source() && matches(key, before);
    }
    return false;
  }

  private static boolean matches(List<Terms.Term> key, Evidence.Line line) {
    if (key.size() == 1 && key.get(0).kind() == Terms.Kind.NUMBER) {
      List<Double> numbers = new ArrayList<>();
      for (Terms.Term t : line.terms()) {
        if (t.kind() == Terms.Kind.NUMBER) {
          numbers.add(t.value());
        }
      }
      return Evidence.hasNumber(numbers, key.get(0).value());
    }
    return Evidence.inOrder(key, line.terms());
  }

  /** A name or number of the same kind in the line that the claim does not mention, or null. */
  private static String rival(Terms.Term key, Evidence.Line line, Set<String> claimStems) {
    boolean month = Terms.isMonth(key);
    for (Terms.Term t : line.terms()) {
      // An initial ("Reginald C. Barker") is part of a name, and a month is part of a date: neither
      // can take a name's place.
      boolean part =
          t.kind() == Terms.Kind.NAME && (t.surface().length() == 1 || Terms.isMonth(t) != month);
      if (t.kind() == key.kind() && !claimStems.contains(t.stem()) && !part) {
        return t.surface();
      }
    }
    return null;
  }

  private static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && !Character.isLetter(s.charAt(i))) {
      i++;
    }
    int j = i;
    while (j < s.length() && Character.isLetter(s.charAt(j))) {
      j++;
    }
    return s.substring(i, j);
  }

  private static String surface(List<Terms.Term> key) {
    StringBuilder b = new StringBuilder();
    key.forEach(t -> b.append(b.length() == 0 ? "" : " ").append(t.surface()));
    return b.toString();
  }
}
