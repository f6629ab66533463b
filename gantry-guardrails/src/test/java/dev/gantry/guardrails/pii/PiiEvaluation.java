package dev.gantry.guardrails.pii;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores a detector against the gold spans of {@link PiiSamples}, per Gantry type and overall
 * (micro-averaged over the covered types), under two matching rules:
 *
 * <ul>
 *   <li><b>overlap</b> (the headline rule): a predicted span is correct if it overlaps a gold span
 *       of the same type; a gold span is found if a predicted span of its type overlaps it.
 *       LOCATION and ADDRESS may nest, because the data labels the town and country lines of an
 *       address block sometimes as part of the ADDRESS and sometimes as separate LOCATIONs: a
 *       predicted LOCATION or ADDRESS overlapping a gold span of the other of the two types is a
 *       correct prediction, and a gold LOCATION lying wholly inside a predicted ADDRESS is found.
 *       (A predicted LOCATION never counts towards ADDRESS recall.)
 *   <li><b>overlap_strict</b>: overlap and the same type, without the nesting allowance.
 *   <li><b>exact</b>: same type and the same start and end offsets.
 * </ul>
 *
 * Gold types map as EMAIL_ADDRESS to EMAIL, PHONE_NUMBER to PHONE, CREDIT_CARD to PAYMENT_CARD,
 * IBAN_CODE to IBAN; US_SSN, IP_ADDRESS, PERSON, LOCATION and ADDRESS keep their names. Gold types
 * Gantry does not detect (ORGANIZATION, DATE_TIME, DOMAIN_NAME, TITLE, PREFIX, US_DRIVER_LICENSE)
 * are left out of recall; a prediction on one of them is a false positive. F2 weighs recall twice
 * as much as precision: F2 = 5PR / (4P + R).
 */
final class PiiEvaluation {
  static final List<PiiType> COVERED =
      List.of(
          PiiType.PERSON,
          PiiType.LOCATION,
          PiiType.ADDRESS,
          PiiType.PAYMENT_CARD,
          PiiType.PHONE,
          PiiType.EMAIL,
          PiiType.US_SSN,
          PiiType.IBAN,
          PiiType.IP_ADDRESS);

  static final List<String> NOT_COVERED =
      List.of("ORGANIZATION", "DATE_TIME", "DOMAIN_NAME", "TITLE", "PREFIX", "US_DRIVER_LICENSE");

  /** Counts for one type: predictions, correct predictions, gold spans, found gold spans. */
  static final class Counts {
    int predicted;
    int correct;
    int gold;
    int found;

    double precision() {
      return predicted == 0 ? 1 : (double) correct / predicted;
    }

    double recall() {
      return gold == 0 ? 1 : (double) found / gold;
    }

    double f2() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }

    void add(Counts o) {
      predicted += o.predicted;
      correct += o.correct;
      gold += o.gold;
      found += o.found;
    }
  }

  /** Per-type counts and their micro-average, for one matching rule. */
  record Result(String rule, Map<PiiType, Counts> byType, Counts overall) {}

  private PiiEvaluation() {}

  static PiiType map(String goldType) {
    switch (goldType) {
      case "EMAIL_ADDRESS":
        return PiiType.EMAIL;
      case "PHONE_NUMBER":
        return PiiType.PHONE;
      case "CREDIT_CARD":
        return PiiType.PAYMENT_CARD;
      case "IBAN_CODE":
        return PiiType.IBAN;
      case "US_SSN":
        return PiiType.US_SSN;
      case "IP_ADDRESS":
        return PiiType.IP_ADDRESS;
      case "PERSON":
        return PiiType.PERSON;
      case "LOCATION":
        return PiiType.LOCATION;
      case "ADDRESS":
        return PiiType.ADDRESS;
      default:
        return null;
    }
  }

  /** The matching rules, in report order. */
  enum Rule {
    /** Overlap, same type, with LOCATION and ADDRESS allowed to nest (see the class comment). */
    OVERLAP,
    /** Overlap, same type, no nesting allowance. */
    OVERLAP_STRICT,
    /** Same type, same start and end. */
    EXACT;

    boolean predictionCorrect(PiiSpan p, PiiType goldType, PiiSamples.Gold g) {
      boolean overlaps = p.start() < g.end() && g.start() < p.end();
      switch (this) {
        case OVERLAP:
          return overlaps
              && (goldType == p.type()
                  || (p.type() == PiiType.LOCATION && goldType == PiiType.ADDRESS)
                  || (p.type() == PiiType.ADDRESS && goldType == PiiType.LOCATION));
        case OVERLAP_STRICT:
          return overlaps && goldType == p.type();
        default:
          return goldType == p.type() && g.start() == p.start() && g.end() == p.end();
      }
    }

    boolean goldFound(PiiSamples.Gold g, PiiType goldType, PiiSpan p) {
      boolean overlaps = p.start() < g.end() && g.start() < p.end();
      switch (this) {
        case OVERLAP:
          return (p.type() == goldType && overlaps)
              || (goldType == PiiType.LOCATION
                  && p.type() == PiiType.ADDRESS
                  && p.start() <= g.start()
                  && g.end() <= p.end());
        case OVERLAP_STRICT:
          return p.type() == goldType && overlaps;
        default:
          return p.type() == goldType && p.start() == g.start() && p.end() == g.end();
      }
    }
  }

  /** Results of {@code detector} on {@code samples}, one per {@link Rule}. */
  static List<Result> score(
      List<PiiSamples.Sample> samples, Function<String, List<PiiSpan>> detector) {
    List<Map<PiiType, Counts>> tables = new ArrayList<>();
    for (Rule rule : Rule.values()) {
      Map<PiiType, Counts> table = new EnumMap<>(PiiType.class);
      for (PiiType t : PiiType.values()) {
        table.put(t, new Counts());
      }
      tables.add(table);
    }
    for (PiiSamples.Sample sample : samples) {
      List<PiiSpan> predicted = detector.apply(sample.text());
      for (Rule rule : Rule.values()) {
        Map<PiiType, Counts> table = tables.get(rule.ordinal());
        for (PiiSpan p : predicted) {
          Counts c = table.get(p.type());
          c.predicted++;
          for (PiiSamples.Gold g : sample.spans()) {
            if (rule.predictionCorrect(p, map(g.type()), g)) {
              c.correct++;
              break;
            }
          }
        }
        for (PiiSamples.Gold g : sample.spans()) {
          PiiType gt = map(g.type());
          if (gt == null) {
            continue;
          }
          Counts c = table.get(gt);
          c.gold++;
          for (PiiSpan p : predicted) {
            if (rule.goldFound(g, gt, p)) {
              c.found++;
              break;
            }
          }
        }
      }
    }
    List<Result> results = new ArrayList<>();
    for (Rule rule : Rule.values()) {
      results.add(result(rule.name().toLowerCase(Locale.ROOT), tables.get(rule.ordinal())));
    }
    return results;
  }

  private static Result result(String rule, Map<PiiType, Counts> byType) {
    Counts overall = new Counts();
    byType.values().forEach(overall::add);
    return new Result(rule, byType, overall);
  }

  /** A printable table of {@code results}. */
  static String report(String title, List<Result> results) {
    List<String> lines = new ArrayList<>();
    lines.add("== " + title);
    for (Result r : results) {
      lines.add(
          String.format(
              Locale.ROOT,
              "-- match rule: %-7s %-12s %6s %6s %6s %6s %6s %6s",
              r.rule(),
              "type",
              "gold",
              "pred",
              "P",
              "R",
              "F2",
              ""));
      for (PiiType t : PiiType.values()) {
        Counts c = r.byType().get(t);
        if (c.gold == 0 && c.predicted == 0) {
          continue;
        }
        lines.add(row(t.name(), c));
      }
      lines.add(row("OVERALL", r.overall()));
    }
    lines.add("not covered (left out of recall): " + String.join(", ", NOT_COVERED));
    return String.join("\n", lines);
  }

  private static String row(String name, Counts c) {
    return String.format(
        Locale.ROOT,
        "                        %-12s %6d %6d %6.3f %6.3f %6.3f",
        name,
        c.gold,
        c.predicted,
        c.precision(),
        c.recall(),
        c.f2());
  }
}
