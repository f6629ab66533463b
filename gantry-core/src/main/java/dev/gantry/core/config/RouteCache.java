package dev.gantry.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A route's response cache ({@code routes.<name>.cache}).
 *
 * @param exact serve identical requests (after normalisation) from the cache
 * @param semantic serve requests whose last user turn means the same as a cached one (everything
 *     else equal) from the cache
 * @param threshold cosine similarity of the last user turns at or above which a semantic match is
 *     considered, 0 &lt; threshold &le; 1; its scale depends on the {@code encoder}
 * @param margin when another answer's distance (1 − similarity) is within this fraction of the best
 *     match's distance, the question is ambiguous and nothing is served, 0 .. 1 (a ratio test, so
 *     it means the same whatever the encoder's scale)
 * @param guard also require the false-hit guard (negation, numbers, dates, named entities,
 *     comparison words) to find the two questions in agreement
 * @param ttl how long an entry is served after it was stored, 1 s .. 365 days
 * @param allRequests cache every request; when false only deterministic ones (temperature 0 or a
 *     {@code seed})
 * @param shared serve entries across tenants (off: an entry is only served to its own tenant)
 * @param keyFields the request fields that make up the key, or empty for all except {@code stream},
 *     {@code stream_options}, {@code user} and {@code metadata}
 * @param maxEntries entries kept in memory for the route per replica (the oldest go first)
 * @param encoder the in-process model that embeds the last user turns, one of {@link #ENCODERS}
 */
public record RouteCache(
    boolean exact,
    boolean semantic,
    double threshold,
    double margin,
    boolean guard,
    Duration ttl,
    boolean allRequests,
    boolean shared,
    List<String> keyFields,
    int maxEntries,
    String encoder) {
  /**
   * all-MiniLM-L6-v2 alone: the model the guardrails and retrieval use, at half the cost of the
   * default per question, with fewer hits at equal precision.
   */
  public static final String MINILM = "all-minilm-l6-v2";

  /**
   * e5-small-v2 alone: more hits at equal precision on long, documentation-style questions, but it
   * scores short questions that differ in their key word (cancel / renew, email / password)
   * 0.94-0.96, above its calibrated threshold (see {@code bench/RESULTS.md}, "Response cache").
   */
  public static final String E5_SMALL = "e5-small-v2";

  /**
   * Both models, the similarity being the mean of their two cosines: the default. It keeps e5's
   * hits on documentation-style questions and MiniLM's refusals of short near-misses, at the cost
   * of both models per question.
   */
  public static final String MINILM_E5 = MINILM + "+" + E5_SMALL;

  /** The encoder a route gets when it names none. */
  public static final String DEFAULT_ENCODER = MINILM_E5;

  /** The encoders a route may name. */
  public static final List<String> ENCODERS = List.of(MINILM_E5, MINILM, E5_SMALL);

  /**
   * The similarity threshold when a route sets none, with the default encoder: what calibration
   * with the false-hit guard on gives for 97% precision on the development pairs (see {@code
   * bench/RESULTS.md}).
   */
  public static final double DEFAULT_THRESHOLD = 0.885;

  /**
   * The threshold for {@link #MINILM} when a route does not set one: one step above its calibration
   * (0.845), for wording styles the calibration did not see.
   */
  public static final double MINILM_THRESHOLD = 0.86;

  /** The threshold for {@link #E5_SMALL} when a route does not set one: its calibration (0.94). */
  public static final double E5_THRESHOLD = 0.94;

  /** The ambiguity margin (a fraction of the best match's distance) when a route sets none. */
  public static final double DEFAULT_MARGIN = 0.1;

  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  public static final int MAX_ENTRIES = 1_000_000;

  /** Exact and semantic cache with the shipped defaults. */
  public static final RouteCache DEFAULTS =
      new RouteCache(
          true,
          true,
          DEFAULT_THRESHOLD,
          DEFAULT_MARGIN,
          true,
          DEFAULT_TTL,
          false,
          false,
          List.of(),
          DEFAULT_MAX_ENTRIES,
          DEFAULT_ENCODER);

  /** The threshold a route with {@code encoder} gets when it sets none. */
  public static double defaultThreshold(String encoder) {
    return switch (encoder) {
      case MINILM -> MINILM_THRESHOLD;
      case E5_SMALL -> E5_THRESHOLD;
      default -> DEFAULT_THRESHOLD;
    };
  }

  public RouteCache {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "cache.threshold is " + threshold + "; allowed 0 < threshold <= 1");
    }
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("cache.margin is " + margin + "; allowed 0..1");
    }
    if (!ENCODERS.contains(encoder)) {
      throw new IllegalArgumentException(
          "cache.encoder is '" + encoder + "'; allowed " + String.join(", ", ENCODERS));
    }
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("cache.ttl is " + ttl + "; allowed 1s..365d");
    }
    keyFields = List.copyOf(keyFields);
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "cache.max_entries is " + maxEntries + "; allowed 1.." + MAX_ENTRIES);
    }
  }

  /** This cache with the false-hit guard on or off. */
  public RouteCache withGuard(boolean on) {
    return copy(threshold, on, encoder);
  }

  /** This cache with another similarity threshold. */
  public RouteCache withThreshold(double t) {
    return copy(t, guard, encoder);
  }

  /** This cache with another encoder and that encoder's default threshold. */
  public RouteCache withEncoder(String e) {
    return copy(defaultThreshold(e), guard, e);
  }

  private RouteCache copy(double t, boolean g, String e) {
    return new RouteCache(
        exact, semantic, t, margin, g, ttl, allRequests, shared, keyFields, maxEntries, e);
  }
}
