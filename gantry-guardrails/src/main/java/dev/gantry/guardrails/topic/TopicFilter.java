package dev.gantry.guardrails.topic;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a route on its subject: a text is denied when it is at least {@code denyThreshold} similar
 * to an example of a denied topic, off-topic when allowed topics exist and it is less than {@code
 * allowThreshold} similar to all of their examples, and allowed otherwise. Similarities are cosines
 * of sentence embeddings. Example vectors are computed once, at construction. Shared and
 * thread-safe; each check costs one embedding (milliseconds), so run it off the event loop.
 */
public final class TopicFilter {
  private record Example(String topic, float[] vector) {}

  private final Embedder embedder;
  private final List<Example> allowed;
  private final List<Example> denied;
  private final double allowThreshold;
  private final double denyThreshold;

  public TopicFilter(
      Embedder embedder,
      List<Topic> allowedTopics,
      List<Topic> deniedTopics,
      double allowThreshold,
      double denyThreshold) {
    check("allow threshold", allowThreshold);
    check("deny threshold", denyThreshold);
    this.embedder = embedder;
    this.allowed = examples(embedder, allowedTopics);
    this.denied = examples(embedder, deniedTopics);
    this.allowThreshold = allowThreshold;
    this.denyThreshold = denyThreshold;
  }

  private static void check(String what, double threshold) {
    if (threshold < -1 || threshold > 1) {
      throw new IllegalArgumentException(what + " must be in [-1, 1], was " + threshold);
    }
  }

  private static List<Example> examples(Embedder embedder, List<Topic> topics) {
    List<String> texts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Topic t : topics) {
      for (String e : t.examples()) {
        texts.add(e);
        names.add(t.name());
      }
    }
    List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embedAll(texts);
    List<Example> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(new Example(names.get(i), vectors.get(i)));
    }
    return List.copyOf(out);
  }

  /** Decides {@code text}, embedding it. */
  public TopicDecision check(String text) {
    return check(embedder.embed(text));
  }

  /** Decides a text from its embedding by this filter's embedder (shared with other checks). */
  public TopicDecision check(float[] v) {
    Example nearestDenied = nearest(denied, v);
    if (nearestDenied != null) {
      double s = Vectors.cosine(v, nearestDenied.vector());
      if (s >= denyThreshold) {
        return new TopicDecision(TopicDecision.Outcome.DENIED, nearestDenied.topic(), s);
      }
    }
    if (allowed.isEmpty()) {
      return new TopicDecision(TopicDecision.Outcome.ALLOWED, null, 0);
    }
    Example nearestAllowed = nearest(allowed, v);
    double s = Vectors.cosine(v, nearestAllowed.vector());
    return new TopicDecision(
        s >= allowThreshold ? TopicDecision.Outcome.ALLOWED : TopicDecision.Outcome.OFF_TOPIC,
        nearestAllowed.topic(),
        s);
  }

  private static Example nearest(List<Example> examples, float[] v) {
    Example best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Example e : examples) {
      double s = Vectors.cosine(v, e.vector());
      if (s > bestScore) {
        bestScore = s;
        best = e;
      }
    }
    return best;
  }
}
