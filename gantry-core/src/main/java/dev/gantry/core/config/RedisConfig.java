package dev.gantry.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code redis}: the shared store that makes rate limits, concurrency counts and queue admission
 * exact across replicas.
 *
 * @param url {@code redis://host:port[/db]} (or {@code rediss://} for TLS)
 * @param onFailure what admission does while Redis cannot be reached
 * @param expectedReplicas how many replicas share the limits: with {@code fail_open}, each replica
 *     enforces local limits of 1/expectedReplicas of every configured limit (rounded up) meanwhile
 * @param timeoutMillis how long one Redis command may take before it counts as a failure
 */
public record RedisConfig(
    String url, FailureMode onFailure, int expectedReplicas, long timeoutMillis) {

  /** Behaviour while the shared store is unreachable. */
  public enum FailureMode {
    /** Fall back to per-replica limits scaled by the expected replica count. */
    FAIL_OPEN,
    /** Refuse limited requests with 503 until Redis answers again. */
    FAIL_CLOSED;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RedisConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(onFailure, "onFailure");
    if (expectedReplicas < 1) {
      throw new IllegalArgumentException("redis.expected_replicas must be >= 1");
    }
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("redis.timeout must be >= 1ms");
    }
  }
}
