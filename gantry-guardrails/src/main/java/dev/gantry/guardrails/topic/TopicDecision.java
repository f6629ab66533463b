package dev.gantry.guardrails.topic;

/**
 * What the topic filter decided about one text.
 *
 * @param outcome allowed, denied (close to a denied topic) or off-topic (close to no allowed one)
 * @param topic the closest topic that decided it (null for off-topic with no allowed topics)
 * @param similarity the cosine similarity to that topic's nearest example, in [-1, 1]
 */
public record TopicDecision(Outcome outcome, String topic, double similarity) {
  /** The three possible outcomes. */
  public enum Outcome {
    ALLOWED,
    DENIED,
    OFF_TOPIC
  }
}
