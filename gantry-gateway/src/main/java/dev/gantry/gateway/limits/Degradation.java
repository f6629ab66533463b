package dev.gantry.gateway.limits;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RateStatus;
import dev.gantry.core.pipeline.Verdict;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests that admission shed under overload but let through to be answered from their route's
 * degraded fallbacks (the response cache, then the extractive provider), each with the refusal it
 * gets if no fallback answers. The admit stage holds a request here; the {@link DegradeStage} takes
 * it. Shared and thread-safe; one per pipeline.
 */
final class Degradation {
  private final Map<Exchange, Held> held = new ConcurrentHashMap<>();

  /** The refusal a degraded request gets if nothing answers it, with its rate-limit headers. */
  record Held(Verdict.Reject refusal, RateStatus status) {}

  /**
   * Marks {@code exchange} as degraded, to be refused with {@code refusal} (and {@code status},
   * retry-after included) if nothing answers.
   */
  void hold(Exchange exchange, Verdict.Reject refusal, RateStatus status) {
    held.put(exchange, new Held(refusal, status));
    exchange.degraded(true);
    exchange.onFinish(() -> held.remove(exchange));
  }

  /** The refusal held for {@code exchange}, or null when it was admitted normally. */
  Held take(Exchange exchange) {
    return held.remove(exchange);
  }
}
