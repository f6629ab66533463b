package dev.gantry.eval.assertion;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.util.List;

/**
 * {@code similar}: the cosine similarity of the sentence embeddings of the output and the closest
 * reference is at least the threshold (default 0.8). The score is that similarity, clamped to [0,
 * 1].
 */
record Similar(List<String> references, Double threshold) implements Assertion {
  Similar {
    references = List.copyOf(references);
    java.util.Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public String type() {
    return "similar";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    Embedder embedder = services.embedder();
    float[] out = embedder.embed(output.text());
    double best = -1;
    String closest = references.get(0);
    List<float[]> refs = embedder.embedAll(references);
    for (int i = 0; i < refs.size(); i++) {
      double c = Vectors.cosine(out, refs.get(i));
      if (c > best) {
        best = c;
        closest = references.get(i);
      }
    }
    return Check.scored(
        best,
        threshold,
        "similarity "
            + Quote.number(best)
            + " to "
            + Quote.of(closest)
            + (best >= threshold ? " >= " : " < ")
            + Quote.number(threshold));
  }
}
