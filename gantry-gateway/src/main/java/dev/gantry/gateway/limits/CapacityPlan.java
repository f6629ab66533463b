package dev.gantry.gateway.limits;

/**
 * Capacity planning from a stated traffic profile, with the queueing model named.
 *
 * <p><b>Gantry replicas</b>: CPU-bound; each core serves {@code perCoreRps} requests per second
 * (measured for this build, see bench/RESULTS.md); replicas = peak rate ÷ (per-core rate × cores ×
 * target utilisation), rounded up, at least two (one may be drained or fail).
 *
 * <p><b>Upstream concurrency</b>: each route's upstream is an <b>M/M/c</b> queue (Poisson arrivals
 * at the peak rate, exponential service with the stated mean upstream latency, c requests in
 * flight). The wait for a free slot exceeds t with probability {@code C(c, a) · e^(−(cμ − λ)t)}
 * (Erlang C, offered load a = λ/μ); c is the smallest number of slots for which that probability is
 * at most 1% at the wait budget (the p99 target minus the stated upstream p99). Assumptions:
 * arrivals independent, latency independent of load (a provider that slows under load needs the
 * adaptive cap and a margin), no retries (add the retry and hedge rates to the arrival rate).
 *
 * <p><b>Provider rate limits</b>: requests per minute = peak rate × 60 × (1 + extra attempts);
 * tokens per minute = that × tokens per request. Stateless.
 */
public final class CapacityPlan {
  private CapacityPlan() {}

  /**
   * A stated profile.
   *
   * @param peakRps peak arrival rate, requests per second
   * @param upstreamMeanSeconds mean upstream latency
   * @param upstreamP99Seconds the upstream's own p99 latency
   * @param targetP99Seconds the p99 the service must meet (queueing wait plus upstream)
   * @param perCoreRps Gantry's requests per second on one core with this configuration
   * @param coresPerReplica cores each replica gets
   * @param targetUtilisation CPU share to run at, 0..1 (headroom for bursts)
   * @param tokensPerRequest mean input plus output tokens
   * @param extraAttempts retries and hedges per request (e.g. 0.05)
   */
  public record Profile(
      double peakRps,
      double upstreamMeanSeconds,
      double upstreamP99Seconds,
      double targetP99Seconds,
      double perCoreRps,
      double coresPerReplica,
      double targetUtilisation,
      double tokensPerRequest,
      double extraAttempts) {
    public Profile {
      if (peakRps <= 0 || upstreamMeanSeconds <= 0 || perCoreRps <= 0 || coresPerReplica <= 0) {
        throw new IllegalArgumentException(
            "rate, upstream latency, per-core throughput and cores must be > 0");
      }
      if (targetUtilisation <= 0 || targetUtilisation > 1) {
        throw new IllegalArgumentException("target utilisation must be in (0, 1]");
      }
    }
  }

  /**
   * The plan.
   *
   * @param upstreamConcurrency slots per route's upstream, or -1 when the target cannot be met (the
   *     upstream's own p99 is above it)
   * @param waitP99Seconds the p99 wait for a slot with that many slots
   */
  public record Plan(
      int replicas,
      int upstreamConcurrency,
      double offeredLoad,
      double waitP99Seconds,
      long providerRpm,
      long providerTpm) {}

  public static Plan plan(Profile p) {
    int replicas =
        (int)
            Math.max(
                2,
                Math.ceil(
                    p.peakRps() / (p.perCoreRps() * p.coresPerReplica() * p.targetUtilisation())));
    double lambda = p.peakRps() * (1 + p.extraAttempts());
    double mu = 1 / p.upstreamMeanSeconds();
    double a = lambda / mu;
    double budget = p.targetP99Seconds() - p.upstreamP99Seconds();
    int c = -1;
    double wait = Double.NaN;
    if (budget >= 0) {
      for (int slots = Math.max(1, (int) Math.floor(a) + 1); slots < 1_000_000; slots++) {
        double w = waitQuantile(slots, a, mu, lambda, 0.99);
        if (w <= budget) {
          c = slots;
          wait = w;
          break;
        }
      }
    }
    long rpm = (long) Math.ceil(lambda * 60);
    return new Plan(replicas, c, a, wait, rpm, (long) Math.ceil(rpm * p.tokensPerRequest()));
  }

  /** Erlang C: the probability that an arrival waits, with c servers and offered load a < c. */
  static double erlangC(int c, double a) {
    // Erlang B by its stable recurrence, then C = B / (1 − ρ(1 − B))
    double b = 1;
    for (int k = 1; k <= c; k++) {
      b = a * b / (k + a * b);
    }
    double rho = a / c;
    return b / (1 - rho * (1 - b));
  }

  /** The q-quantile of the wait in M/M/c (0 when at least 1 − q of arrivals do not wait). */
  static double waitQuantile(int c, double a, double mu, double lambda, double q) {
    if (a >= c) {
      return Double.POSITIVE_INFINITY;
    }
    double pw = erlangC(c, a);
    if (pw <= 1 - q) {
      return 0;
    }
    return Math.log(pw / (1 - q)) / (c * mu - lambda);
  }
}
