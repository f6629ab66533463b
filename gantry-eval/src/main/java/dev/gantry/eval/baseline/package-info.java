/**
 * Comparing a run with a baseline run (an earlier {@code report.json}): metrics are compared over
 * the cases both runs share, with paired bootstrap 95% confidence intervals of the difference
 * (seeded, so the same inputs give the same intervals), and cases that flipped between pass and
 * fail are listed. A quality metric whose interval lies entirely below zero is a significant
 * regression.
 */
package dev.gantry.eval.baseline;
