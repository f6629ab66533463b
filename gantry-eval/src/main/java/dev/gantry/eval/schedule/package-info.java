/**
 * Scheduled evaluation: the suites a gateway's {@code evals:} names, run against that gateway on
 * its monitoring schedule, compared with the previous run, stored and published.
 */
package dev.gantry.eval.schedule;
