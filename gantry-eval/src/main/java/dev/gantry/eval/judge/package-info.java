/**
 * LLM-as-a-judge: {@link dev.gantry.eval.judge.LlmJudge} asks a judge model, through the target
 * gateway's chat endpoint, to grade an output against a rubric on a configured integer scale,
 * parses the score from the reply ({@link dev.gantry.eval.judge.ScoreParser}) and caches the
 * judgement on disk keyed by a hash of the judge request (rubric, input, output, judge model, scale
 * and instructions).
 */
package dev.gantry.eval.judge;
