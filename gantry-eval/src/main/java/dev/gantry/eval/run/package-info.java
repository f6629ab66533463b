/**
 * Running a suite: {@link dev.gantry.eval.run.SuiteExecutor} sends every case to the target with
 * bounded concurrency (through the response cache when enabled), evaluates its assertions and
 * reports progress; {@link dev.gantry.eval.run.MetricsCalculator} aggregates per case, assertion
 * type and tag; {@link dev.gantry.eval.run.ThresholdCheck} decides whether the run passes. The
 * result records are immutable.
 */
package dev.gantry.eval.run;
