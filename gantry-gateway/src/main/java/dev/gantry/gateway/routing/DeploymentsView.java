package dev.gantry.gateway.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.BreakerConfig;

/**
 * {@code GET /admin/deployments}: each deployment's circuit state ({@code closed}, {@code open},
 * {@code half_open}), failure and slow-call rates over the breaker's window (-1 until enough
 * calls), calls in the window, requests outstanding, its concurrency cap now (0: none) and the
 * peak-EWMA latency the router weighs; the latency estimates that latency budgets are matched
 * against (time to a stream's first byte, to a whole answer; null before the first sample); and its
 * breaker's settings ({@code limits.breaker}, or its route's {@code
 * limits.routes.<route>.breaker}). Stateless.
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
      BreakerConfig b = loop.health().breakerConfig(s.deployment());
      ObjectNode breaker = d.putObject("breaker");
      breaker.put("failure_rate_threshold", b.failureRatePercent());
      breaker.put("slow_call_ms", b.slowCall().toMillis());
      breaker.put("slow_call_rate_threshold", b.slowCallRatePercent());
      breaker.put("window", b.window());
      breaker.put("min_calls", b.minCalls());
      breaker.put("open_for_ms", b.openFor().toMillis());
      breaker.put("half_open_calls", b.halfOpenCalls());
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
