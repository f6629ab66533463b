package dev.gantry.guardrails.injection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Layer 1: normalises a text, decodes hidden payloads and matches the named {@link Rules} against
 * the text and every payload. Stateless and thread-safe; cost is linear in the text length, about
 * 0.05 to 0.15 ms for 1,000 characters.
 */
final class Heuristics {
  private Heuristics() {}

  /**
   * What layer 1 found.
   *
   * @param normalized the normalised text
   * @param payloads payloads decoded from the text, in order of appearance
   * @param matched names of the rules that matched the text or a payload, in rule order, without
   *     duplicates; a payload's matches are also listed
   * @param flaggedPayload the first payload a rule matched, or null
   */
  record Result(
      Normalizer.Result normalized,
      List<PayloadDecoder.Payload> payloads,
      List<String> matched,
      PayloadDecoder.Payload flaggedPayload) {
    boolean flagged() {
      return !matched.isEmpty();
    }
  }

  static Result check(String text) {
    Normalizer.Result n = Normalizer.normalize(text);
    Set<String> matched = new LinkedHashSet<>(match(n));
    if (n.hidden().indexOf(' ') > 0) {
      matched.add("smuggling.hidden-text");
    }
    List<PayloadDecoder.Payload> payloads = PayloadDecoder.decode(n.clean());
    PayloadDecoder.Payload flaggedPayload = null;
    for (PayloadDecoder.Payload p : payloads) {
      List<String> inPayload = match(Normalizer.normalize(p.text()));
      if (!inPayload.isEmpty()) {
        matched.add("smuggling." + p.encoding());
        matched.addAll(inPayload);
        if (flaggedPayload == null) {
          flaggedPayload = p;
        }
      }
    }
    return new Result(n, payloads, List.copyOf(matched), flaggedPayload);
  }

  /** Names of the rules that match the lower-case or the leetspeak-folded form, in rule order. */
  static List<String> match(Normalizer.Result n) {
    List<String> out = new ArrayList<>(2);
    Rules.match(n.lower(), out);
    if (n.leet() != n.lower()) {
      Rules.match(n.leet(), out);
      out.sort(java.util.Comparator.comparingInt(Heuristics::ruleIndex));
    }
    return out;
  }

  private static int ruleIndex(String name) {
    for (int i = 0; i < Rules.ALL.size(); i++) {
      if (Rules.ALL.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
