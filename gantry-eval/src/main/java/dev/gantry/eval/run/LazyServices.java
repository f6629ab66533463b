package dev.gantry.eval.run;

import dev.gantry.eval.assertion.EvalServices;
import dev.gantry.eval.judge.Judge;
import dev.gantry.ml.Embedder;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Creates the embedder and the judge on first use, once, whichever thread asks first. Thread-safe.
 */
public final class LazyServices implements EvalServices {
  private final Supplier<Embedder> embedderFactory;
  private final Supplier<Judge> judgeFactory;
  private volatile Embedder embedder;
  private volatile Judge judge;

  /**
   * @param judgeFactory may return null when no judge is configured
   */
  public LazyServices(Supplier<Embedder> embedderFactory, Supplier<Judge> judgeFactory) {
    this.embedderFactory = Objects.requireNonNull(embedderFactory, "embedderFactory");
    this.judgeFactory = Objects.requireNonNull(judgeFactory, "judgeFactory");
  }

  @Override
  public Embedder embedder() {
    Embedder e = embedder;
    if (e == null) {
      synchronized (this) {
        e = embedder;
        if (e == null) {
          e = Objects.requireNonNull(embedderFactory.get(), "embedder");
          embedder = e;
        }
      }
    }
    return e;
  }

  @Override
  public Judge judge() {
    Judge j = judge;
    if (j == null) {
      synchronized (this) {
        j = judge;
        if (j == null) {
          j = judgeFactory.get();
          if (j == null) {
            throw new IllegalStateException(
                "no judge model is configured (judge.model in the suite, or --judge-model)");
          }
          judge = j;
        }
      }
    }
    return j;
  }
}
