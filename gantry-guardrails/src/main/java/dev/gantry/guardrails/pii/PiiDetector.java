package dev.gantry.guardrails.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds structured PII and secrets in text: e-mail addresses, phone numbers, payment card numbers,
 * IBANs, US social security numbers, IP addresses and credentials. Every candidate is validated
 * (checksums, issuer prefixes, number plans, entropy), so look-alike digit runs are not reported.
 * Where findings overlap, the more specific one wins (higher score, then longer span).
 *
 * <p>Shared and thread-safe; create once with {@link #defaults()} or {@link #forRegion}. Offsets
 * are UTF-16 indexes into the given string.
 */
public final class PiiDetector {
  private final List<Recognizer> recognizers;

  private PiiDetector(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
  }

  /** A detector that reads numbers without a country code as US numbers. */
  public static PiiDetector defaults() {
    return forRegion("US");
  }

  /**
   * @param defaultRegion ISO 3166 two-letter region for phone numbers without a country code
   */
  public static PiiDetector forRegion(String defaultRegion) {
    return new PiiDetector(
        List.of(
            new CredentialRecognizer(),
            RegexRecognizers.EMAIL,
            RegexRecognizers.IBAN,
            RegexRecognizers.PAYMENT_CARD,
            RegexRecognizers.US_SSN,
            RegexRecognizers.IPV4,
            RegexRecognizers.IPV6,
            new PhoneRecognizer(defaultRegion)));
  }

  /** Every finding in {@code text}, without overlaps, ordered by start offset. */
  public List<PiiSpan> detect(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<PiiSpan> candidates = new ArrayList<>();
    for (Recognizer r : recognizers) {
      r.find(text, candidates);
    }
    if (candidates.size() <= 1) {
      return candidates;
    }
    candidates.sort(
        Comparator.comparingDouble(PiiSpan::score)
            .reversed()
            .thenComparing(Comparator.comparingInt((PiiSpan s) -> s.end() - s.start()).reversed()));
    List<PiiSpan> kept = new ArrayList<>();
    for (PiiSpan c : candidates) {
      boolean free = true;
      for (PiiSpan k : kept) {
        if (k.overlaps(c)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(c);
      }
    }
    kept.sort(Comparator.comparingInt(PiiSpan::start));
    return kept;
  }
}
