package dev.gantry.sim;

import java.util.Set;

/**
 * How long the simulated model takes: {@code ttft} before the first token (the first byte of a
 * non-streaming reply), {@code interToken} between two streamed chunks. Times in milliseconds.
 * Immutable.
 */
record LatencyModel(Delay ttft, Delay interToken) {

  static final LatencyModel ZERO = new LatencyModel(Delay.ZERO, Delay.ZERO);

  boolean isZero() {
    return ttft.isZero() && interToken.isZero();
  }

  static LatencyModel parse(YamlNode node) {
    if (node.isNull()) {
      return ZERO;
    }
    node.asMap(Set.of("ttft", "inter_token"));
    return new LatencyModel(Delay.parse(node.get("ttft")), Delay.parse(node.get("inter_token")));
  }
}
