package dev.gantry.gateway.metrics;

import dev.gantry.core.events.GantryEvent;
import dev.gantry.core.events.RequestCosted;
import dev.gantry.core.events.SpendLimitWarning;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the meters, rollups and alerts read from the cost component's events: a request's cost
 * ({@link RequestCosted}, USD micro-units) and a soft spend limit reached ({@link
 * SpendLimitWarning}). Stateless.
 */
public final class CostEvents {
  private CostEvents() {}

  /** What one request cost; {@code micros} in USD micro-units. */
  public record Cost(String requestId, String tenant, String route, String model, long micros) {}

  /** The cost carried by a per-request cost event, or null for any other event. */
  public static Cost cost(GantryEvent event) {
    if (!(event instanceof RequestCosted e) || e.cost() == null) {
      return null;
    }
    return new Cost(
        e.requestId(), text(e.tenant()), text(e.route()), text(e.model()), e.cost().micros());
  }

  /** A soft spend-limit event's fields as alert labels, or null for any other event. */
  public static Map<String, String> softLimitLabels(GantryEvent event) {
    if (!(event instanceof SpendLimitWarning e)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("tenant", text(e.tenant()));
    out.put("code", text(e.code()));
    out.put("subject", text(e.subject()));
    out.put("softMicros", Long.toString(e.softMicros()));
    out.put("spentMicros", Long.toString(e.spentMicros()));
    return out;
  }

  /** The end of a soft spend-limit event's period, or null for any other event. */
  public static Instant periodEnd(GantryEvent event) {
    return event instanceof SpendLimitWarning e ? e.periodEnd() : null;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
