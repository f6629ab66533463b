package dev.gantry.sim;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sends a planned answer with the scenario's latency and the request's delivery fault (malformed
 * body or event, reset stream). Delays are all sampled up front from the request's generator.
 */
final class Delivery {
  private Delivery() {}

  /**
   * Answers 200 with a JSON body after the time to first token plus one inter-token delay per
   * further chunk of the reply (a non-streaming reply arrives when generation would have ended).
   */
  static void json(Call call, byte[] body, int chunks, FaultDecision fault) {
    LatencyModel latency = call.scenario().latency();
    byte[] bytes =
        fault instanceof FaultDecision.Malformed ? Arrays.copyOf(body, body.length / 2) : body;
    Buffer buffer = Buffer.buffer(bytes);
    if (latency.isZero()) {
      call.sendJson(200, buffer);
      return;
    }
    SplittableRandom random = call.random();
    long delay = latency.ttft().sampleMs(random);
    for (int i = 1; i < chunks; i++) {
      delay += latency.interToken().sampleMs(random);
    }
    after(call, delay, () -> call.sendJson(200, buffer));
  }

  /** Streams {@code events}: the first after the time to first token, tokens paced after that. */
  static void stream(Call call, List<? extends StreamFrame> events, FaultDecision fault) {
    List<StreamFrame> out = new ArrayList<>(events);
    if (fault instanceof FaultDecision.Malformed) {
      int victim = 0;
      while (victim < out.size() - 1 && !out.get(victim).token()) {
        victim++;
      }
      out.set(victim, out.get(victim).malformed());
    }
    int resetAfter = -1;
    if (fault instanceof FaultDecision.Reset reset) {
      resetAfter = Math.min(reset.afterChunks(), out.size() - 1);
    }
    LatencyModel latency = call.scenario().latency();
    long[] delays = new long[out.size()];
    if (!latency.isZero()) {
      SplittableRandom random = call.random();
      delays[0] = latency.ttft().sampleMs(random);
      boolean sawToken = out.get(0).token();
      for (int i = 1; i < delays.length; i++) {
        if (out.get(i).token()) {
          if (sawToken) {
            delays[i] = latency.interToken().sampleMs(random);
          }
          sawToken = true;
        }
      }
    }
    SseWriter writer = new SseWriter(call, out, delays, resetAfter);
    after(call, delays[0], writer::start);
  }

  static void after(Call call, long delayMs, Runnable action) {
    if (delayMs <= 0) {
      action.run();
    } else {
      call.vertx.setTimer(delayMs, id -> action.run());
    }
  }
}
