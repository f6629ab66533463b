package dev.gantry.cli;

import dev.gantry.gateway.limits.CapacityPlan;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry capacity}: replicas, upstream concurrency and provider limits for a profile. */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    description =
        "Plan capacity for a stated traffic profile: Gantry replicas (CPU), upstream concurrency"
            + " per route (M/M/c, Erlang C) and provider rate limits.")
final class CapacityCommand implements Callable<Integer> {
  @Option(names = "--peak-rps", required = true, description = "Peak arrival rate, requests/s.")
  double peakRps;

  @Option(
      names = "--upstream-mean",
      required = true,
      description = "Mean upstream latency, seconds.")
  double upstreamMean;

  @Option(
      names = "--upstream-p99",
      required = true,
      description = "The upstream's own p99 latency, seconds.")
  double upstreamP99;

  @Option(names = "--target-p99", required = true, description = "The p99 to meet, seconds.")
  double targetP99;

  @Option(
      names = "--per-core-rps",
      defaultValue = "10000",
      description =
          "Gantry's requests/s on one core with your configuration (bench/overhead.sh measures"
              + " it; default ${DEFAULT-VALUE}).")
  double perCoreRps;

  @Option(names = "--cores", defaultValue = "1", description = "Cores per replica.")
  double cores;

  @Option(
      names = "--utilisation",
      defaultValue = "0.6",
      description = "CPU share to run at (default ${DEFAULT-VALUE}).")
  double utilisation;

  @Option(
      names = "--tokens-per-request",
      defaultValue = "1000",
      description = "Mean input plus output tokens.")
  double tokens;

  @Option(
      names = "--extra-attempts",
      defaultValue = "0.05",
      description = "Retries and hedges per request.")
  double extra;

  @Override
  public Integer call() {
    CapacityPlan.Plan p =
        CapacityPlan.plan(
            new CapacityPlan.Profile(
                peakRps,
                upstreamMean,
                upstreamP99,
                targetP99,
                perCoreRps,
                cores,
                utilisation,
                tokens,
                extra));
    System.out.printf(Locale.ROOT, "replicas:                %d%n", p.replicas());
    if (p.upstreamConcurrency() < 0) {
      System.out.printf(
          Locale.ROOT,
          "upstream concurrency:    impossible: the upstream's p99 (%.3f s) is above the target"
              + " (%.3f s)%n",
          upstreamP99,
          targetP99);
    } else {
      System.out.printf(
          Locale.ROOT,
          "upstream concurrency:    %d per route (offered load %.1f; p99 wait for a slot %.3f s)%n",
          p.upstreamConcurrency(),
          p.offeredLoad(),
          p.waitP99Seconds());
    }
    System.out.printf(
        Locale.ROOT, "provider rate limits:    %d RPM, %d TPM%n", p.providerRpm(), p.providerTpm());
    System.out.println(
        "model: M/M/c (Erlang C) for the upstream; CPU-bound replicas at the stated utilisation;"
            + " assumes Poisson arrivals and load-independent upstream latency");
    return p.upstreamConcurrency() < 0 ? 1 : 0;
  }
}
