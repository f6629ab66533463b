/**
 * Prompt-injection and jailbreak detection, in process and on the CPU: {@link
 * dev.gantry.guardrails.injection.InjectionDetector} normalises a text (Unicode tricks, lookalikes,
 * leetspeak, encoded payloads) and matches named rules in several languages (layer 1), then scores
 * it with logistic regression over sentence embeddings, the whole text and its most suspicious line
 * or sentence (layer 2), and returns an {@link dev.gantry.guardrails.injection.InjectionVerdict}.
 * {@link dev.gantry.guardrails.injection.InjectionTrainer} trains the layer-2 weights from labelled
 * JSON Lines; the bundled weights were trained on the project's {@code data/injection/train.jsonl}
 * (reproduced exactly by {@code BundledWeightsTest}) and are measured on {@code dev.jsonl} by
 * {@code DevMeasurementTest}.
 */
package dev.gantry.guardrails.injection;
