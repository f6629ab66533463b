package dev.gantry.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code limits.breaker}: the circuit breaker each deployment gets. Over the last {@code window}
 * calls (once at least {@code minCalls} were made), a failure rate or a slow-call rate at or above
 * its threshold opens the circuit: the deployment is skipped for {@code openFor}, then {@code
 * halfOpenCalls} probe calls decide whether it closes again or stays open.
 *
 * @param failureRatePercent 1..100
 * @param slowCall a call slower than this (to the first byte for streams) counts as slow
 * @param slowCallRatePercent 1..100 (100: only when every call is slow)
 */
public record BreakerConfig(
    int failureRatePercent,
    Duration slowCall,
    int slowCallRatePercent,
    int window,
    int minCalls,
    Duration openFor,
    int halfOpenCalls) {

  public static final BreakerConfig DEFAULTS =
      new BreakerConfig(50, Duration.ofSeconds(60), 100, 50, 20, Duration.ofSeconds(10), 2);

  public BreakerConfig {
    Objects.requireNonNull(slowCall, "slowCall");
    Objects.requireNonNull(openFor, "openFor");
    if (failureRatePercent < 1 || failureRatePercent > 100) {
      throw new IllegalArgumentException("limits.breaker.failure_rate must be 1..100");
    }
    if (slowCallRatePercent < 1 || slowCallRatePercent > 100) {
      throw new IllegalArgumentException("limits.breaker.slow_call_rate must be 1..100");
    }
    if (window < 1 || minCalls < 1 || halfOpenCalls < 1) {
      throw new IllegalArgumentException(
          "limits.breaker.window, min_calls and half_open_calls must be >= 1");
    }
  }
}
