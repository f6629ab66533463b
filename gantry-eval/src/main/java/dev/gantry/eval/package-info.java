/**
 * The {@code gantry eval} engine's entry point. {@link dev.gantry.eval.EvalRunner} takes {@link
 * dev.gantry.eval.EvalOptions} (the command-line options as a value), loads the suite, reaches the
 * target (a running gateway, or one started in-process from a configuration file), runs the cases,
 * checks thresholds and the baseline, writes the reports and returns the process exit code: 0 when
 * the run passed, 1 when a threshold failed (or a regression did, when asked), 2 when the run
 * itself could not be made.
 */
package dev.gantry.eval;
