package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What grounding measures about one claim against the evidence. Words the question already used are
 * context, not claims: an answer that restates the question is not inventing those words.
 *
 * @param novel weighted share (names and numbers weigh 3, other words 1) of the claim's own words
 *     that occur nowhere in the sources; 0 when it has none
 * @param novelNames names of the claim (not from the question) that occur nowhere in the sources
 * @param novelNumbers numbers of the claim that occur nowhere in the sources
 * @param coverage the best weighted share of all the claim's words (question words included) found
 *     together in one or two adjacent sentences of one source
 * @param coverage1 the same within a single sentence
 * @param answerCoverage1 the best weighted share of the claim's answer (its words the question does
 *     not use) found together in a single sentence; 1 when it has none
 * @param anchoring for the claim's own names and numbers that the sources do hold, the lowest (over
 *     them) best share of the other words of the claim and the question found in one sentence with
 *     it: low when a name is taken from an unrelated part of the sources; 1 when there are none
 * @param similarity the best cosine similarity of the claim to a source sentence, or 0 without an
 *     embedder
 * @param verbatim the claim's text (ignoring case, spacing and a final full stop) occurs in a
 *     source as it is
 * @param misplaced names and numbers of the claim that the sentence best matching the rest of the
 *     claim does not hold, where it holds another one ({@link Slots})
 * @param conflict the best-matching sentences name a different value where the claim's own name or
 *     number is unsupported (a substitution: another person, year, amount)
 * @param otherFitsBetter how much better the sources' sentences about another entity the question
 *     names hold what the claim says of the one it names ({@link Reasoning#otherFitsBetter})
 * @param comparison when the claim compares the question's entities ("X was born first") and the
 *     dates or numbers the sources give them say otherwise, how ("X 1971 ≠ Y 1908"); else ""
 *     ({@link Reasoning#comparison}). Not a model input: such a claim is contradicted whatever its
 *     words.
 * @param ownWords how many words of the claim are its own (not in the question)
 * @param source the number of the source with the best-matching sentences, or 0
 * @param evidence those sentences, or ""
 * @param missing the claim's own words not found in the sources, as written
 * @param conflicts "claim value ≠ source value" descriptions (the comparison's too)
 */
record ClaimFeatures(
    double novel,
    int novelNames,
    int novelNumbers,
    double coverage,
    double coverage1,
    double answerCoverage1,
    double anchoring,
    double similarity,
    boolean verbatim,
    List<String> misplaced,
    boolean conflict,
    double otherFitsBetter,
    String comparison,
    int ownWords,
    int source,
    String evidence,
    List<String> missing,
    List<String> conflicts) {

  static double weight(Terms.Term t) {
    return t.kind() == Terms.Kind.WORD ? 1 : 3;
  }

  /**
   * @param lineSimilarity cosine of the claim to each evidence line (same order), or null
   */
  static ClaimFeatures of(
      String text,
      List<Terms.Term> claim,
      String questionText,
      List<Terms.Term> asked,
      Evidence evidence,
      double[] lineSimilarity) {
    String q = questionText == null ? "" : questionText;
    Set<String> question = new HashSet<>();
    asked.forEach(t -> question.add(t.stem()));
    double ownTotal = 0;
    double ownMissing = 0;
    int names = 0;
    int numbers = 0;
    int own = 0;
    Set<String> missing = new LinkedHashSet<>();
    List<Terms.Term> unsupported = new ArrayList<>();
    java.util.Map<Terms.Term, List<Terms.Term>> unfound = new java.util.IdentityHashMap<>();
    for (List<Terms.Term> name : Terms.names(text, claim)) {
      boolean given = true;
      for (Terms.Term t : name) {
        given &= question.contains(t.stem());
      }
      if (!given && name.size() > 1 && !evidence.containsName(name)) {
        name.forEach(t -> unfound.put(t, name));
      }
    }
    Set<List<Terms.Term>> counted =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Terms.Term t : claim) {
      List<Terms.Term> name = unfound.get(t);
      if (question.contains(t.stem()) && name == null) {
        continue;
      }
      own++;
      ownTotal += weight(t);
      if (name != null || !evidence.contains(t)) {
        ownMissing += weight(t);
        missing.add(t.surface());
        unsupported.add(t);
        if (t.kind() == Terms.Kind.NAME && (name == null || counted.add(name))) {
          names++;
        } else if (t.kind() == Terms.Kind.NUMBER) {
          numbers++;
        }
      }
    }
    double allTotal = 0;
    for (Terms.Term t : claim) {
      allTotal += weight(t);
    }
    // The claim's answer: its words the question does not use, each stem once.
    List<Terms.Term> answer = new ArrayList<>();
    Set<String> answerStems = new HashSet<>();
    double answerTotal = 0;
    for (Terms.Term t : claim) {
      if (!question.contains(t.stem()) && answerStems.add(t.stem())) {
        answer.add(t);
        answerTotal += weight(t);
      }
    }
    double answer1 = answerTotal > 0 ? 0 : 1;
    double best = 0;
    double best1 = 0;
    int bestFrom = -1;
    int bestTo = -1;
    List<Evidence.Line> lines = evidence.lines;
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i; j <= i + 1 && j < lines.size(); j++) {
        if (lines.get(j).source() != lines.get(i).source()) {
          break;
        }
        double c = allTotal == 0 ? 1 : covered(claim, lines.subList(i, j + 1)) / allTotal;
        if (j == i) {
          best1 = Math.max(best1, c);
          if (answerTotal > 0) {
            answer1 = Math.max(answer1, covered(answer, lines.subList(i, i + 1)) / answerTotal);
          }
        }
        if (c > best + 1e-9) {
          best = c;
          bestFrom = i;
          bestTo = j;
        }
      }
    }
    double sim = 0;
    if (lineSimilarity != null) {
      for (double s : lineSimilarity) {
        sim = Math.max(sim, s);
      }
    }
    List<String> conflicts = new ArrayList<>();
    String window = "";
    int source = 0;
    if (bestFrom >= 0) {
      List<Evidence.Line> best2 = lines.subList(bestFrom, bestTo + 1);
      source = best2.get(0).source();
      StringBuilder b = new StringBuilder();
      best2.forEach(l -> b.append(b.length() == 0 ? "" : " ").append(l.text()));
      window = b.toString();
      conflicts = conflicts(unsupported, claim, best2);
    }
    String comparison = Reasoning.comparison(text, claim, q, asked, evidence);
    List<String> described = conflicts;
    if (!comparison.isEmpty()) {
      described = new ArrayList<>(conflicts);
      described.add(comparison);
    }
    return new ClaimFeatures(
        ownTotal == 0 ? 0 : ownMissing / ownTotal,
        names,
        numbers,
        best,
        best1,
        answer1,
        anchoring(claim, asked, question, evidence),
        sim,
        evidence.containsText(text),
        Slots.misplaced(text, claim, asked, evidence),
        !conflicts.isEmpty(),
        Reasoning.otherFitsBetter(claim, q, asked, evidence),
        comparison,
        own,
        source,
        window,
        new ArrayList<>(missing),
        described);
  }

  /**
   * How well the claim's key names and numbers sit among the claim's (and question's) other words
   * in the sources. The key ones are the claim's own (not from the question); when it has none (it
   * picks one of the question's options, or says yes or no), all of its names, with the question's
   * other names left out of the context (they are the options it did not pick).
   */
  private static double anchoring(
      List<Terms.Term> claim, List<Terms.Term> asked, Set<String> question, Evidence evidence) {
    boolean own = false;
    for (Terms.Term t : claim) {
      own |= t.kind() != Terms.Kind.WORD && !question.contains(t.stem()) && evidence.contains(t);
    }
    Set<String> claimStems = new HashSet<>();
    claim.forEach(t -> claimStems.add(t.stem()));
    java.util.Map<String, Double> context = new java.util.HashMap<>();
    for (Terms.Term t : claim) {
      context.merge(t.stem(), weight(t), Math::max);
    }
    for (Terms.Term t : asked) {
      if (own || t.kind() == Terms.Kind.WORD || claimStems.contains(t.stem())) {
        context.merge(t.stem(), weight(t), Math::max);
      }
    }
    double lowest = 1;
    for (Terms.Term t : claim) {
      if (t.kind() == Terms.Kind.WORD
          || (own && question.contains(t.stem()))
          || !evidence.contains(t)) {
        continue;
      }
      double total = 0;
      for (java.util.Map.Entry<String, Double> e : context.entrySet()) {
        total += e.getKey().equals(t.stem()) ? 0 : e.getValue();
      }
      if (total == 0) {
        continue;
      }
      double best = 0;
      for (Evidence.Line l : evidence.lines) {
        if (!l.stems().contains(t.stem())
            && !(t.kind() == Terms.Kind.NUMBER && Evidence.hasNumber(numbers(l), t.value()))) {
          continue;
        }
        double in = 0;
        for (java.util.Map.Entry<String, Double> e : context.entrySet()) {
          if (!e.getKey().equals(t.stem()) && l.stems().contains(e.getKey())) {
            in += e.getValue();
          }
        }
        best = Math.max(best, in / total);
      }
      lowest = Math.min(lowest, best);
    }
    return lowest;
  }

  private static List<Double> numbers(Evidence.Line l) {
    List<Double> out = new ArrayList<>();
    for (Terms.Term t : l.terms()) {
      if (t.kind() == Terms.Kind.NUMBER) {
        out.add(t.value());
      }
    }
    return out;
  }

  private static double covered(List<Terms.Term> claim, List<Evidence.Line> window) {
    Set<String> stems = new HashSet<>();
    List<Double> numbers = new ArrayList<>();
    for (Evidence.Line l : window) {
      stems.addAll(l.stems());
      for (Terms.Term t : l.terms()) {
        if (t.kind() == Terms.Kind.NUMBER) {
          numbers.add(t.value());
        }
      }
    }
    double c = 0;
    for (Terms.Term t : claim) {
      boolean in =
          t.kind() == Terms.Kind.NUMBER
              ? Evidence.hasNumber(numbers, t.value())
              : stems.contains(t.stem());
      if (in) {
        c += weight(t);
      }
    }
    return c;
  }

  /**
   * A number of the claim that the sources lack, where the best-matching sentences hold a number of
   * the same kind (a year for a year); or a name of the claim that the sources lack, where those
   * sentences hold a name the claim does not mention.
   */
  private static List<String> conflicts(
      List<Terms.Term> unsupported, List<Terms.Term> claim, List<Evidence.Line> window) {
    Set<String> claimStems = new HashSet<>();
    claim.forEach(t -> claimStems.add(t.stem()));
    List<String> out = new ArrayList<>();
    for (Terms.Term t : unsupported) {
      if (t.kind() == Terms.Kind.WORD) {
        continue;
      }
      for (Evidence.Line l : window) {
        for (Terms.Term s : l.terms()) {
          if (s.kind() != t.kind() || claimStems.contains(s.stem())) {
            continue;
          }
          if (t.kind() == Terms.Kind.NUMBER && isYear(t.value()) != isYear(s.value())) {
            continue;
          }
          out.add(t.surface() + " ≠ " + s.surface());
          break;
        }
        if (!out.isEmpty() && out.get(out.size() - 1).startsWith(t.surface() + " ≠")) {
          break;
        }
      }
    }
    return out;
  }

  private static boolean isYear(double v) {
    return v == Math.rint(v) && v >= 1000 && v <= 2100;
  }

  /** The inputs of the scoring model, in {@link GroundingModel#FEATURES} order. */
  double[] vector() {
    return new double[] {
      novel,
      Math.min(novelNames, 2),
      Math.min(novelNumbers, 2),
      ownWords == 0 ? 0 : 1 - coverage,
      ownWords == 0 ? 0 : 1 - coverage1,
      1 - anchoring,
      similarity,
      verbatim ? 1 : 0,
      Math.min(misplaced.size(), 2),
      conflict ? 1 : 0,
      ownWords == 0 ? 0 : 1,
      1 - answerCoverage1,
      otherFitsBetter
    };
  }
}
