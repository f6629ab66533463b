package dev.gantry.store.monitoring;

import java.time.Instant;

/**
 * One run of a scheduled evaluation.
 *
 * @param report the engine's report of the run (JSON), read back as the baseline of the next run
 */
public record EvalRunRecord(
    String name,
    String route,
    Instant time,
    int cases,
    double passRate,
    boolean passed,
    String summary,
    String report) {}
