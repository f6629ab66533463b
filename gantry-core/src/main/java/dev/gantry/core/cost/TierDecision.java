package dev.gantry.core.cost;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tier of a route a request starts on, and why.
 *
 * @param tier the tier's name under {@code routes.<name>.tiers}
 * @param basis what decided
 * @param score the complexity score in {@code 0..1} (0 when the router did not run)
 * @param signals the request features that counted towards the score
 */
public record TierDecision(String tier, Basis basis, double score, Set<Signal> signals) {

  /** What decided the tier. */
  public enum Basis {
    /** The complexity score was below the route's threshold: the cheapest tier. */
    SIMPLE,
    /** The complexity score reached the route's threshold: the most capable tier. */
    COMPLEX,
    /** Cascade mode without the router: start on the cheapest tier. */
    CASCADE_START,
    /** Streams are never escalated, so a stream the router cannot judge goes to the last tier. */
    STREAM_DEFAULT
  }

  /** A request feature the complexity router looks at. */
  public enum Signal {
    LONG_INPUT,
    CODE,
    MATH,
    MULTI_STEP,
    TOOLS,
    DEEP_CONVERSATION,
    JSON_SCHEMA,
    NEAR_COMPLEX_EXAMPLES,
    NEAR_SIMPLE_EXAMPLES
  }

  public TierDecision {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(basis, "basis");
    signals = signals.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(signals));
  }

  /** A one-line reason for headers and the audit, e.g. {@code complex 0.72: code,math}. */
  public String reason() {
    StringBuilder b = new StringBuilder(basis.name().toLowerCase(Locale.ROOT));
    if (basis == Basis.SIMPLE || basis == Basis.COMPLEX) {
      b.append(' ').append(String.format(Locale.ROOT, "%.2f", score));
    }
    if (!signals.isEmpty()) {
      b.append(": ")
          .append(
              signals.stream()
                  .map(s -> s.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(",")));
    }
    return b.toString();
  }
}
