/**
 * Eval suites: the YAML format (with cases inline or in a JSONL or CSV file next to it), JSONL and
 * CSV case files on their own, {@code {{var}}} templating, suite defaults merged into every case,
 * and strict validation whose messages name the case and the field. {@link
 * dev.gantry.eval.suite.SuiteLoader} is the entry point; {@link dev.gantry.eval.suite.Suite} and
 * {@link dev.gantry.eval.suite.EvalCase} are the immutable result.
 */
package dev.gantry.eval.suite;
