package dev.gantry.guardrails.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds PII and secrets in text: e-mail addresses, phone numbers, payment card numbers, IBANs, US
 * social security numbers, IP addresses and credentials, each validated (checksums, issuer
 * prefixes, number plans, entropy) so look-alike digit runs are not reported; and person names,
 * locations and street addresses, found by a small trained tagger (see {@link PiiType#PERSON}).
 * Where findings overlap, the more specific one wins (higher score, then longer span).
 *
 * <p>Shared and thread-safe; create once with {@link #defaults()} or {@link #forRegion} (the first
 * call loads the tagger's model and word lists, under 1 MB of resources, once per class loader).
 * Offsets are UTF-16 indexes into the given string. A call costs about a millisecond per 1,000
 * characters.
 */
public final class PiiDetector {
  private final List<Recognizer> recognizers;
  private final EnumSet<PiiType> types;

  private PiiDetector(List<Recognizer> recognizers, EnumSet<PiiType> types) {
    this.recognizers = List.copyOf(recognizers);
    this.types = EnumSet.copyOf(types);
  }

  /** A detector that reads numbers without a country code as US numbers. */
  public static PiiDetector defaults() {
    return forRegion("US");
  }

  /**
   * @param defaultRegion ISO 3166 two-letter region for phone numbers without a country code
   */
  public static PiiDetector forRegion(String defaultRegion) {
    return withTagger(defaultRegion, NameAndPlaceRecognizer.standard());
  }

  /** The default recognisers with {@code names} as the name and place tagger. */
  static PiiDetector withTagger(String defaultRegion, NameAndPlaceRecognizer names) {
    return new PiiDetector(
        List.of(
            new CredentialRecognizer(),
            RegexRecognizers.EMAIL,
            RegexRecognizers.IBAN,
            RegexRecognizers.PAYMENT_CARD,
            RegexRecognizers.US_SSN,
            RegexRecognizers.IPV4,
            RegexRecognizers.IPV6,
            new PhoneRecognizer(defaultRegion),
            new PhoneShapeRecognizer(),
            names),
        EnumSet.allOf(PiiType.class));
  }

  /**
   * This detector limited to {@code types}: findings of other types are not reported, and the name
   * and place tagger does not run unless a {@link PiiType#PERSON}, {@link PiiType#LOCATION} or
   * {@link PiiType#ADDRESS} is wanted.
   */
  public PiiDetector onlyTypes(Set<PiiType> types) {
    EnumSet<PiiType> wanted = EnumSet.noneOf(PiiType.class);
    wanted.addAll(types);
    wanted.retainAll(this.types);
    boolean names =
        wanted.contains(PiiType.PERSON)
            || wanted.contains(PiiType.LOCATION)
            || wanted.contains(PiiType.ADDRESS);
    List<Recognizer> kept = new ArrayList<>();
    for (Recognizer r : recognizers) {
      if (names || !(r instanceof NameAndPlaceRecognizer)) {
        kept.add(r);
      }
    }
    return new PiiDetector(kept, wanted);
  }

  /** The types this detector reports. */
  public Set<PiiType> types() {
    return Collections.unmodifiableSet(types);
  }

  /** Every finding in {@code text}, without overlaps, ordered by start offset. */
  public List<PiiSpan> detect(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<PiiSpan> found = new ArrayList<>();
    for (Recognizer r : recognizers) {
      r.find(text, found);
    }
    List<PiiSpan> candidates = new ArrayList<>(found.size());
    for (PiiSpan span : found) {
      if (types.contains(span.type())) {
        candidates.add(span);
      }
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
