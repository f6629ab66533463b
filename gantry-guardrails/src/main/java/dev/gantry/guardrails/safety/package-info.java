/**
 * Safety classification of input and output text: per-category scores (hate, harassment, self-harm,
 * sexual, sexual/minors, violence, illicit) from logistic-regression heads over a sentence
 * embedding and hashed words, their trainer, a keyword baseline, and the figures that measure them.
 */
package dev.gantry.guardrails.safety;
