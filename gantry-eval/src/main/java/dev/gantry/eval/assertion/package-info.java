/**
 * Assertions: checks on one case's output, each a small immutable value built from a suite entry by
 * {@link dev.gantry.eval.assertion.AssertionParser}. A check yields a score in [0, 1] and a
 * verdict; {@link dev.gantry.eval.assertion.AssertionSpec} adds negation and weight. Text checks
 * (equals, contains, regex, ...), JSON checks (is-json, json-schema, json-path), reference metrics
 * (exact-match, token-f1 with SQuAD normalisation, rouge-l), embedding similarity, latency and cost
 * limits, refusal and abstention phrases, guardrail outcomes, retrieval hit@k and MRR, and a rubric
 * graded by a judge model all live here. {@link dev.gantry.eval.assertion.CaseOutput} is what they
 * look at: the parsed response of the gateway.
 */
package dev.gantry.eval.assertion;
