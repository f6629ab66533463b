package dev.gantry.gateway.metrics;

import dev.gantry.core.events.CacheLookedUp;
import dev.gantry.core.events.CacheStored;
import dev.gantry.core.events.EventBus;

/**
 * The response cache's series on {@code /admin/metrics}: lookups by route and outcome ({@code
 * gantry_cache_lookups_total}), false-hit guard refusals by kind ({@code
 * gantry_cache_guard_rejections_total}), the upstream cost hits avoided ({@code
 * gantry_cache_saved_micro_usd_total}, USD micro-units) and, per route, the entries and bytes in
 * this replica's memory ({@code gantry_cache_entries}, {@code gantry_cache_bytes}). Thread-safe.
 */
final class CacheMetrics {
  private final Metrics metrics;

  CacheMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  void attach(EventBus events) {
    events.subscribe(CacheLookedUp.class, this::lookedUp);
    events.subscribe(
        CacheStored.class,
        e -> {
          metrics.set("gantry_cache_entries", e.entries(), "route", e.route());
          metrics.set("gantry_cache_bytes", e.bytes(), "route", e.route());
        });
  }

  private void lookedUp(CacheLookedUp e) {
    metrics.add("gantry_cache_lookups_total", 1, "route", e.route(), "outcome", e.outcome());
    if (e.guardRejection() != null) {
      metrics.add(
          "gantry_cache_guard_rejections_total", 1, "route", e.route(), "kind", e.guardRejection());
    }
    if (e.savedMicros() > 0) {
      metrics.add("gantry_cache_saved_micro_usd_total", e.savedMicros(), "route", e.route());
    }
  }
}
