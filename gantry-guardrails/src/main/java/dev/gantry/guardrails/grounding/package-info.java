/**
 * Factual grounding of answers in retrieved sources: an answer is split into claims (sentences),
 * each claim's own words, names and numbers are looked up in the sources, the best-matching source
 * sentences are compared with the claim (lexically and by MiniLM sentence similarity), and a small
 * logistic model turns that into a risk; each claim is then supported, unsupported or contradicted,
 * and its {@code [n]} citations are checked against the sources they name.
 */
package dev.gantry.guardrails.grounding;
