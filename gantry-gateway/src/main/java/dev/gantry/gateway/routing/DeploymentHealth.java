package dev.gantry.gateway.routing;

import dev.gantry.core.time.Ticker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Passive health of deployments: after {@code failureThreshold} consecutive retryable failures a
 * deployment is considered unhealthy for {@code cooldownNanos}, and is then tried again. A success
 * resets it. Shared and thread-safe; time comes from the injected ticker.
 */
public final class DeploymentHealth {
  private final Ticker ticker;
  private final int failureThreshold;
  private final long cooldownNanos;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  private static final class State {
    int consecutiveFailures;
    long unhealthyUntil;
  }

  public DeploymentHealth(Ticker ticker, int failureThreshold, long cooldown, TimeUnit unit) {
    this.ticker = ticker;
    this.failureThreshold = failureThreshold;
    this.cooldownNanos = unit.toNanos(cooldown);
  }

  static String key(String provider, String model) {
    return provider + '\u0000' + model;
  }

  public boolean healthy(String provider, String model) {
    State s = states.get(key(provider, model));
    if (s == null) {
      return true;
    }
    synchronized (s) {
      return s.consecutiveFailures < failureThreshold || ticker.nanos() - s.unhealthyUntil >= 0;
    }
  }

  public void success(String provider, String model) {
    State s = states.get(key(provider, model));
    if (s != null) {
      synchronized (s) {
        s.consecutiveFailures = 0;
      }
    }
  }

  public void failure(String provider, String model) {
    State s = states.computeIfAbsent(key(provider, model), k -> new State());
    synchronized (s) {
      s.consecutiveFailures++;
      if (s.consecutiveFailures >= failureThreshold) {
        s.unhealthyUntil = ticker.nanos() + cooldownNanos;
      }
    }
  }
}
