package dev.gantry.gateway.cache;

import dev.gantry.core.config.RouteCache;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cache's decision on pairs of questions, for {@code gantry cache eval} and {@code gantry cache
 * calibrate}: would a request asking {@code a} be served the entry cached for {@code b}? The same
 * embedding, threshold and false-hit guard as the gateway, with the fingerprint taken as equal
 * (everything but the question alike). Thread-safe.
 */
public final class PairJudge {
  private final Embedder embedder;
  private final RouteCache config;

  /** One pair's verdict. {@code guard} is null when the guard accepted the pair or is off. */
  public record Verdict(double similarity, boolean hit, String guard) {}

  /** A point of the precision / hit-rate curve. */
  public record Point(double threshold, long hits, long trueHits, double precision, double recall) {
    /** One line of the printed curve. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "%.3f  hits %5d  precision %.4f  recall %.4f",
          threshold,
          hits,
          precision,
          recall);
    }
  }

  public PairJudge(Embedder embedder, RouteCache config) {
    this.embedder = embedder;
    this.config = config;
  }

  /** Verdicts on the pairs, in order ({@code pairs.get(i)} is {a, b}). */
  public List<Verdict> judge(List<String[]> pairs) {
    List<String> texts = new ArrayList<>(pairs.size() * 2);
    for (String[] p : pairs) {
      texts.add(p[0]);
      texts.add(p[1]);
    }
    // Embedders are thread-safe and run each inference on one thread: use every core.
    List<float[]> vectors =
        java.util.stream.IntStream.range(0, texts.size())
            .parallel()
            .mapToObj(i -> embedder.embed(texts.get(i)))
            .toList();
    List<Verdict> out = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      double s = Vectors.cosine(vectors.get(2 * i), vectors.get(2 * i + 1));
      GuardVerdict g =
          config.guard() ? FalseHitGuard.check(pairs.get(i)[0], pairs.get(i)[1]) : null;
      String refused = g instanceof GuardVerdict.Disagree d ? d.kind().label() : null;
      out.add(new Verdict(s, s >= config.threshold() && refused == null, refused));
    }
    return out;
  }

  /**
   * Precision and recall of the cache's decision at thresholds 0.500 .. 0.995 (step 0.005: the
   * encoders' similarities of close paraphrases lie within a few hundredths), the guard as
   * configured.
   */
  public static List<Point> curve(List<Verdict> verdicts, List<Boolean> same) {
    long positives = same.stream().filter(b -> b).count();
    List<Point> out = new ArrayList<>();
    for (int t = 500; t <= 995; t += 5) {
      double threshold = t / 1000.0;
      long hits = 0;
      long good = 0;
      for (int i = 0; i < verdicts.size(); i++) {
        Verdict v = verdicts.get(i);
        if (v.similarity() >= threshold && v.guard() == null) {
          hits++;
          if (same.get(i)) {
            good++;
          }
        }
      }
      out.add(
          new Point(
              threshold,
              hits,
              good,
              hits == 0 ? 1.0 : good / (double) hits,
              positives == 0 ? 0 : good / (double) positives));
    }
    return out;
  }

  /**
   * The lowest threshold of the curve from which on precision stays at or above {@code target} (the
   * most hits that keep the target), or null when none does.
   */
  public static Point choose(List<Point> curve, double target) {
    Point chosen = null;
    for (int i = curve.size() - 1; i >= 0; i--) {
      Point p = curve.get(i);
      if (p.hits() > 0 && p.precision() < target) {
        break;
      }
      if (p.hits() > 0) {
        chosen = p;
      }
    }
    return chosen;
  }
}
