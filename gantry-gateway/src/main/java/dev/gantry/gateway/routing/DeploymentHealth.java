package dev.gantry.gateway.routing;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.gantry.core.config.BreakerConfig;
import dev.gantry.core.config.UpstreamConcurrency;
import dev.gantry.core.time.Ticker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live state of every deployment: a resilience4j circuit breaker (failure rate and slow-call
 * rate over a sliding window, open for a while, then half-open probes), a concurrency cap that is
 * fixed or adapts (Netflix concurrency-limits, AIMD), and the load the router weighs: requests
 * outstanding and a peak-EWMA of latency. A call starts with {@link #begin}, which asks both the
 * breaker and the cap, and ends with exactly one of the returned call's outcomes. Shared and
 * thread-safe; all time comes from the injected ticker.
 */
public final class DeploymentHealth {
  /** Decay time of the latency average, in nanoseconds. */
  static final double TAU_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How many recent latencies each deployment keeps for its percentiles. */
  static final int RECENT = 200;

  /** Samples needed before a latency estimate also weighs the high percentile. */
  static final int ESTIMATE_SAMPLES = 5;

  /** The percentile a latency estimate weighs beside the average. */
  static final double ESTIMATE_QUANTILE = 0.9;

  private final Ticker ticker;
  private final BreakerConfig breakerDefaults;
  private final Map<String, BreakerConfig> breakers;
  private final UpstreamConcurrency upstream;
  private final Clock clock;
  private final Map<String, Deployment> states = new ConcurrentHashMap<>();

  public DeploymentHealth(Ticker ticker, BreakerConfig breaker, UpstreamConcurrency upstream) {
    this(ticker, breaker, upstream, Map.of());
  }

  /**
   * @param breakers the breaker settings of deployments ({@code provider/model}) whose routes set
   *     their own ({@code limits.routes.<route>.breaker}); the others get {@code breaker}
   */
  public DeploymentHealth(
      Ticker ticker,
      BreakerConfig breaker,
      UpstreamConcurrency upstream,
      Map<String, BreakerConfig> breakers) {
    this.ticker = ticker;
    this.upstream = upstream;
    this.clock = new TickerClock(ticker);
    this.breakerDefaults = breaker;
    this.breakers = Map.copyOf(breakers);
  }

  /** The breaker settings of a deployment ({@code provider/model}). */
  public BreakerConfig breakerConfig(String deployment) {
    return breakers.getOrDefault(deployment, breakerDefaults);
  }

  private CircuitBreakerConfig resilience(BreakerConfig breaker) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(breaker.failureRatePercent())
        .slowCallRateThreshold(breaker.slowCallRatePercent())
        .slowCallDurationThreshold(breaker.slowCall())
        .slidingWindow(
            breaker.window(),
            Math.min(breaker.minCalls(), breaker.window()),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(breaker.openFor())
        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
        .clock(clock)
        .currentTimestampFunction(c -> ticker.nanos(), TimeUnit.NANOSECONDS)
        .build();
  }

  static String key(String provider, String model) {
    return provider + '/' + model;
  }

  /** One deployment's breaker, cap and load. */
  public final class Deployment {
    final String name;
    final CircuitBreaker breaker;
    final SimpleLimiter<Void> limiter;
    private long outstanding;
    private double ewmaNanos;
    private long lastSample;
    private boolean sampled;
    private final long[] recent = new long[RECENT];
    private int recentCount;
    private final Latencies firstBytes = new Latencies();
    private final Latencies answers = new Latencies();

    Deployment(String name) {
      this.name = name;
      this.breaker = CircuitBreaker.of(name, resilience(breakerConfig(name)));
      this.limiter =
          upstream.max() == 0
              ? null
              : SimpleLimiter.newBuilder()
                  .named(name)
                  .nanoClock(ticker::nanos)
                  .limit(
                      upstream.adaptive()
                          ? AIMDLimit.newBuilder()
                              .initialLimit(Math.max(1, Math.min(20, upstream.max())))
                              .minLimit(1)
                              .maxLimit(upstream.max())
                              .timeout(upstream.slow().toNanos(), TimeUnit.NANOSECONDS)
                              .build()
                          : FixedLimit.of(upstream.max()))
                  .build();
    }

    /** What the router weighs: the latency average times the requests outstanding plus one. */
    public synchronized double load() {
      return Math.max(ewmaNanos, 1_000_000) * (outstanding + 1);
    }

    synchronized void started() {
      outstanding++;
    }

    synchronized void cancelledCall() {
      outstanding--;
    }

    synchronized void firstByte(long ttftNanos) {
      firstBytes.add(ttftNanos);
    }

    synchronized void ended(long rttNanos, boolean streamed) {
      if (!streamed) {
        answers.add(rttNanos);
      }
      ended(rttNanos);
    }

    synchronized void ended(long rttNanos) {
      outstanding--;
      long now = ticker.nanos();
      if (rttNanos > ewmaNanos || !sampled) {
        ewmaNanos = rttNanos; // peak: a slow answer counts at once, then decays
      } else {
        double w = Math.exp(-(now - lastSample) / TAU_NANOS);
        ewmaNanos = ewmaNanos * w + rttNanos * (1 - w);
      }
      lastSample = now;
      sampled = true;
      recent[recentCount++ % RECENT] = rttNanos;
    }

    /**
     * The {@code q} quantile (0..1) of the latest {@value #RECENT} successful latencies, in
     * nanoseconds, or -1 with fewer than {@code min} samples.
     */
    public synchronized long quantile(double q, int min) {
      int n = Math.min(recentCount, RECENT);
      if (n < min) {
        return -1;
      }
      long[] copy = java.util.Arrays.copyOf(recent, n);
      java.util.Arrays.sort(copy);
      return copy[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
    }

    /**
     * The {@code q} quantile (0..1) of the latest times to first byte of streamed calls, in
     * nanoseconds, or -1 with fewer than {@code min} samples.
     */
    public synchronized long firstByteQuantile(double q, int min) {
      return firstBytes.quantile(q, min);
    }

    /**
     * What the router expects the next call to take, in nanoseconds: to the first byte of a stream
     * when {@code streamed}, else to the whole answer; the larger of the recent average (EWMA) and
     * the {@value #ESTIMATE_QUANTILE} quantile (once there are {@value #ESTIMATE_SAMPLES} samples);
     * -1 before the first sample.
     */
    public synchronized long estimateNanos(boolean streamed) {
      return (streamed ? firstBytes : answers).estimate();
    }

    /** A snapshot for {@code GET /admin/deployments}. */
    public synchronized Snapshot snapshot() {
      CircuitBreaker.Metrics m = breaker.getMetrics();
      return new Snapshot(
          name,
          breaker.getState().name().toLowerCase(java.util.Locale.ROOT),
          m.getFailureRate(),
          m.getSlowCallRate(),
          m.getNumberOfBufferedCalls(),
          outstanding,
          limiter == null ? 0 : limiter.getLimit(),
          ewmaNanos / 1e6,
          firstBytes.estimate() / 1e6,
          answers.estimate() / 1e6);
    }
  }

  /** Recent latencies of one kind: an average (EWMA) and the latest {@value #RECENT} samples. */
  private static final class Latencies {
    private static final double ALPHA = 0.2;
    private final long[] ring = new long[RECENT];
    private int count;
    private double ewma;

    void add(long nanos) {
      ewma = count == 0 ? nanos : ewma * (1 - ALPHA) + nanos * ALPHA;
      ring[count++ % RECENT] = nanos;
      if (count == 2 * RECENT) {
        count = RECENT; // keeps the index in range; the ring stays full
      }
    }

    long quantile(double q, int min) {
      int n = Math.min(count, RECENT);
      if (n < min || n == 0) {
        return -1;
      }
      long[] copy = java.util.Arrays.copyOf(ring, n);
      java.util.Arrays.sort(copy);
      return copy[Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1))];
    }

    long estimate() {
      if (count == 0) {
        return -1;
      }
      return Math.max((long) ewma, quantile(ESTIMATE_QUANTILE, ESTIMATE_SAMPLES));
    }
  }

  /**
   * @param failureRate percent over the window, -1 until enough calls were made
   * @param limit the concurrency cap now (0: none)
   * @param latencyMs the peak-EWMA of latency, in milliseconds
   * @param firstByteMs the expected time to the first byte of a stream, in milliseconds (negative:
   *     no sample yet)
   * @param answerMs the expected time to a whole non-streamed answer, in milliseconds (negative: no
   *     sample yet)
   */
  public record Snapshot(
      String deployment,
      String state,
      float failureRate,
      float slowCallRate,
      int calls,
      long outstanding,
      int limit,
      double latencyMs,
      double firstByteMs,
      double answerMs) {}

  /** One call on a deployment; end it with exactly one outcome. */
  public final class Call {
    private final Deployment d;
    private final Limiter.Listener listener;
    private final long start = ticker.nanos();
    private final boolean permitted;
    private boolean done;
    private boolean streamed;

    Call(Deployment d, Limiter.Listener listener, boolean permitted) {
      this.d = d;
      this.listener = listener;
      this.permitted = permitted;
      d.started();
    }

    private long end() {
      if (done) {
        return -1;
      }
      done = true;
      long rtt = ticker.nanos() - start;
      d.ended(rtt, streamed);
      return rtt;
    }

    /** The first byte of a streamed answer arrived: its time counts for the estimates. */
    public void firstByte() {
      if (!done && !streamed) {
        streamed = true;
        d.firstByte(ticker.nanos() - start);
      }
    }

    /** The call lost a hedge race and was cancelled: it counts for nothing. */
    public void cancelled() {
      if (done) {
        return;
      }
      done = true;
      d.cancelledCall();
      if (permitted) {
        d.breaker.releasePermission();
      }
      if (listener != null) {
        listener.onIgnore();
      }
    }

    /** The deployment answered (also with a client error such as 400: it is up). */
    public void success() {
      long rtt = end();
      if (rtt >= 0) {
        if (permitted) {
          d.breaker.onSuccess(rtt, TimeUnit.NANOSECONDS);
        }
        if (listener != null) {
          listener.onSuccess();
        }
      }
    }

    /**
     * The deployment failed; {@code overload} when it said so (429, 503, 529) or timed out, which
     * also lowers an adaptive cap.
     */
    public void failure(boolean overload, Throwable cause) {
      long rtt = end();
      if (rtt >= 0) {
        if (permitted) {
          d.breaker.onError(rtt, TimeUnit.NANOSECONDS, cause);
        }
        if (listener != null) {
          if (overload) {
            listener.onDropped();
          } else {
            listener.onIgnore();
          }
        }
      }
    }
  }

  public Deployment of(String provider, String model) {
    return states.computeIfAbsent(key(provider, model), Deployment::new);
  }

  /** Why a call could not start. */
  public enum Refusal {
    /** The circuit is open (or its half-open probes are all out). */
    CIRCUIT_OPEN,
    /** The deployment's concurrency cap is reached. */
    AT_CAPACITY
  }

  /** A call that started, or why none could. */
  public record Start(Call call, Refusal refusal) {}

  /**
   * Starts a call when the breaker permits it (closed, or a half-open probe) and the cap has room.
   */
  public Start begin(String provider, String model) {
    Deployment d = of(provider, model);
    if (!d.breaker.tryAcquirePermission()) {
      return new Start(null, Refusal.CIRCUIT_OPEN);
    }
    Limiter.Listener listener = null;
    if (d.limiter != null) {
      Optional<Limiter.Listener> l = d.limiter.acquire(null);
      if (l.isEmpty()) {
        d.breaker.releasePermission();
        return new Start(null, Refusal.AT_CAPACITY);
      }
      listener = l.get();
    }
    return new Start(new Call(d, listener, true), null);
  }

  /**
   * Starts a call that the breaker did not permit: the last resort when every deployment of a route
   * is open. Its outcome does not count in the breaker (only probes decide when it closes); a full
   * concurrency cap still refuses it.
   */
  public Start lastResort(String provider, String model) {
    Deployment d = of(provider, model);
    Limiter.Listener listener = null;
    if (d.limiter != null) {
      Optional<Limiter.Listener> l = d.limiter.acquire(null);
      if (l.isEmpty()) {
        return new Start(null, Refusal.AT_CAPACITY);
      }
      listener = l.get();
    }
    return new Start(new Call(d, listener, false), null);
  }

  /** True unless the deployment's breaker is open (and its wait not over). */
  public boolean healthy(String provider, String model) {
    Deployment d = states.get(key(provider, model));
    return d == null || d.breaker.getState() != CircuitBreaker.State.OPEN || probeDue(d);
  }

  private boolean probeDue(Deployment d) {
    // resilience4j moves an open breaker to half-open on the first permission asked after the
    // wait; asking here would use up a probe, so the wait is checked the same way it checks it
    if (d.breaker.tryAcquirePermission()) {
      d.breaker.releasePermission();
      return true;
    }
    return false;
  }

  /** The load the router weighs for a deployment (see {@link Deployment#load}). */
  public double load(String provider, String model) {
    Deployment d = states.get(key(provider, model));
    return d == null ? 1_000_000 : d.load();
  }

  /** Every deployment seen so far. */
  public List<Snapshot> snapshots() {
    List<Snapshot> out = new ArrayList<>();
    for (Deployment d : states.values()) {
      out.add(d.snapshot());
    }
    out.sort(java.util.Comparator.comparing(Snapshot::deployment));
    return out;
  }

  /** A wall clock whose instants follow the ticker, for the breakers' open-state waits. */
  private static final class TickerClock extends Clock {
    private final Ticker ticker;

    TickerClock(Ticker ticker) {
      this.ticker = ticker;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH.plusNanos(ticker.nanos());
    }
  }
}
