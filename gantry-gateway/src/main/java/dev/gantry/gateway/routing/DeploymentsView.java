package dev.gantry.gateway.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;

/**
 * {@code GET /admin/deployments}: each deployment's circuit state ({@code closed}, {@code open},
 * {@code half_open}), failure and slow-call rates over the breaker's window (-1 until enough
 * calls), calls in the window, requests outstanding, its concurrency cap now (0: none) and the
 * peak-EWMA latency the router weighs; the latency estimates that latency budgets are matched
 * against (time to a stream's first byte, to a whole answer; null before the first sample).
 * Stateless.
 */
public final class DeploymentsView {
  private DeploymentsView() {}

  public static ObjectNode json(AttemptLoop loop) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode list = root.putArray("deployments");
    for (DeploymentHealth.Snapshot s : loop.health().snapshots()) {
      ObjectNode d = list.addObject();
      d.put("deployment", s.deployment());
      d.put("state", s.state());
      d.put("failure_rate", s.failureRate());
      d.put("slow_call_rate", s.slowCallRate());
      d.put("calls", s.calls());
      d.put("outstanding", s.outstanding());
      d.put("concurrency_limit", s.limit());
      d.put("latency_ms", Math.round(s.latencyMs() * 1000) / 1000.0);
      estimate(d, "first_byte_estimate_ms", s.firstByteMs());
      estimate(d, "answer_estimate_ms", s.answerMs());
    }
    return root;
  }

  private static void estimate(ObjectNode d, String field, double ms) {
    if (ms < 0) {
      d.putNull(field);
    } else {
      d.put(field, Math.round(ms * 1000) / 1000.0);
    }
  }
}
