package dev.gantry.eval.run;

import java.time.Instant;
import java.util.Objects;

/**
 * How a run was made, for reports. Never holds the API key.
 *
 * @param target the base URL requests went to
 * @param gatewayConfig the configuration file of an in-process gateway, or null
 * @param model the suite-level model used (cases may name their own), or null
 * @param durationMs wall-clock milliseconds of the whole run
 * @param cacheDir the response cache directory, or null when caching was off
 * @param judgeModel the judge model, or null
 */
public record RunInfo(
    String target,
    String gatewayConfig,
    String model,
    Instant startedAt,
    long durationMs,
    int concurrency,
    long timeoutMs,
    int retries,
    String cacheDir,
    String judgeModel) {
  public RunInfo {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
