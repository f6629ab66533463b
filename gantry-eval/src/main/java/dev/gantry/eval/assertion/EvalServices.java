package dev.gantry.eval.assertion;

import dev.gantry.eval.judge.Judge;
import dev.gantry.ml.Embedder;

/**
 * The models some assertions need, created lazily by the run so that a suite without {@code
 * similar} never loads the embedding model. Shared and thread-safe.
 */
public interface EvalServices {
  /** The sentence embedder for {@code similar}; loaded on first use. */
  Embedder embedder();

  /**
   * The judge for {@code llm-rubric}.
   *
   * @throws IllegalStateException when no judge model is configured
   */
  Judge judge();
}
