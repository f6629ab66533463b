package dev.gantry.guardrails.topic;

import java.util.List;
import java.util.Objects;

/**
 * A topic described by a few sentences or example requests. A text belongs to the topic when it is
 * close (cosine similarity of sentence embeddings) to any of the examples.
 */
public record Topic(String name, List<String> examples) {
  public Topic {
    Objects.requireNonNull(name, "name");
    examples = List.copyOf(examples);
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("topic '" + name + "' needs at least one example");
    }
  }
}
