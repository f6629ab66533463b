/**
 * Reports of a run, written by {@link dev.gantry.eval.report.ReportWriter} into one directory:
 * {@code report.json} (the full record, also readable as a baseline), {@code junit.xml} (one
 * testcase per case, for CI test views), {@code summary.md} (for pull-request comments and job
 * summaries) and {@code report.html} (self-contained: inline CSS and SVG charts, nothing fetched).
 * {@link dev.gantry.eval.report.ConsoleSummary} prints the short form to a terminal.
 */
package dev.gantry.eval.report;
