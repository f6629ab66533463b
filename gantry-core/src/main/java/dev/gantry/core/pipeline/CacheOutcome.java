package dev.gantry.core.pipeline;

import java.util.Objects;

/**
 * What the response cache did for one request.
 *
 * @param status hit, semantic hit, miss or bypass
 * @param similarity cosine similarity of the last user turn to the served (or nearest rejected)
 *     entry's, or NaN when no semantic comparison was made
 */
public record CacheOutcome(Status status, double similarity) {
  /** The values of the {@code x-gantry-cache} header. */
  public enum Status {
    HIT("hit"),
    SEMANTIC_HIT("semantic-hit"),
    MISS("miss"),
    BYPASS("bypass");

    private final String header;

    Status(String header) {
      this.header = header;
    }

    /** The header value. */
    public String header() {
      return header;
    }
  }

  public CacheOutcome {
    Objects.requireNonNull(status, "status");
  }

  public static final CacheOutcome BYPASSED = new CacheOutcome(Status.BYPASS, Double.NaN);

  /** True when the answer came from the cache. */
  public boolean served() {
    return status == Status.HIT || status == Status.SEMANTIC_HIT;
  }
}
