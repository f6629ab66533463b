package dev.gantry.gateway.metrics;

import dev.gantry.core.events.GantryEvent;
import java.lang.reflect.RecordComponent;

/**
 * Reads the cost component's events by their record components, so the meters, rollups and alerts
 * work with them without a compile-time dependency on their classes: a per-request cost event
 * ({@code RequestCosted}: route, model, tenant and {@code cost().micros()} in USD micro-units) and
 * a soft spend-limit event ({@code SpendLimitWarning}). Stateless.
 *
 * <p>TODO(#13): subscribe to {@code RequestCosted} and {@code SpendLimitWarning} by type once the
 * cost controls are on main; until then these events are matched by their simple class names.
 */
public final class CostEvents {
  static final String REQUEST_COSTED = "RequestCosted";
  static final String SOFT_LIMIT = "SpendLimitWarning";

  private CostEvents() {}

  /** What one request cost; {@code micros} in USD micro-units. */
  public record Cost(String requestId, String tenant, String route, String model, long micros) {}

  /** The cost carried by a per-request cost event, or null for any other event. */
  public static Cost cost(GantryEvent event) {
    if (!event.getClass().getSimpleName().equals(REQUEST_COSTED)) {
      return null;
    }
    Object cost = component(event, "cost");
    Object micros = cost == null ? null : component(cost, "micros");
    if (!(micros instanceof Long m)) {
      return null;
    }
    return new Cost(
        text(component(event, "requestId")),
        text(component(event, "tenant")),
        text(component(event, "route")),
        text(component(event, "model")),
        m);
  }

  /** The limit code of a soft spend-limit event, or null for any other event. */
  public static String softLimit(GantryEvent event) {
    if (!event.getClass().getSimpleName().equals(SOFT_LIMIT)) {
      return null;
    }
    return text(component(event, "code"));
  }

  /** A soft spend-limit event's fields as alert labels, or null for any other event. */
  public static java.util.Map<String, String> softLimitLabels(GantryEvent event) {
    if (!event.getClass().getSimpleName().equals(SOFT_LIMIT)) {
      return null;
    }
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String k : new String[] {"tenant", "code", "subject", "softMicros", "spentMicros"}) {
      Object v = component(event, k);
      if (v != null) {
        out.put(k, String.valueOf(v));
      }
    }
    return out;
  }

  /** The end of a soft spend-limit event's period, or null. */
  public static Object periodEnd(GantryEvent event) {
    return component(event, "periodEnd");
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  /** The value of the record component {@code name} of {@code o}, or null. */
  static Object component(Object o, String name) {
    if (o == null || !o.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent c : o.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
