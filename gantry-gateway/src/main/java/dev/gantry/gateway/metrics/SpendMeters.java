package dev.gantry.gateway.metrics;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GantryEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spend meters in USD from each request's {@code RequestCosted}: spend by route, model (and capped
 * tenant) and the distribution of the cost per request. The cost component's own counters (micro-
 * USD, token classes, budget refusals, soft limits) are in {@link CostMetrics}. Thread-safe.
 */
final class SpendMeters {
  private static final double[] COST_BUCKETS = {
    0.00001, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5
  };

  private final MeterRegistry registry;
  private final LabelCap tenants;
  private final Map<SpendKey, Counter> spend = new ConcurrentHashMap<>();
  private final Map<String, DistributionSummary> perRequest = new ConcurrentHashMap<>();

  SpendMeters(MeterRegistry registry, MonitoringConfig.Metrics settings) {
    this.registry = registry;
    this.tenants = new LabelCap(settings.tenantLabels());
  }

  void attach(EventBus events) {
    events.subscribe(dev.gantry.core.events.RequestCosted.class, this::event);
  }

  /** The labels of the spend counter. */
  private record SpendKey(String route, String model, String tenant) {}

  private void event(GantryEvent event) {
    CostEvents.Cost cost = CostEvents.cost(event);
    if (cost != null) {
      spend
          .computeIfAbsent(
              new SpendKey(
                  cost.route(), cost.model(), tenants.enabled() ? tenants.of(cost.tenant()) : null),
              k -> {
                Tags tags = Tags.of("route", k.route(), "model", k.model());
                if (k.tenant() != null) {
                  tags = tags.and("tenant", k.tenant());
                }
                return Counter.builder("gantry.cost")
                    .baseUnit("usd")
                    .description("Spend on upstream models, in USD")
                    .tags(tags)
                    .register(registry);
              })
          .increment(cost.micros() / 1e6);
      perRequest
          .computeIfAbsent(
              cost.route(),
              route ->
                  DistributionSummary.builder("gantry.request.cost")
                      .baseUnit("usd")
                      .description("Cost of each request, in USD")
                      .tags("route", route)
                      .serviceLevelObjectives(COST_BUCKETS)
                      .register(registry))
          .record(cost.micros() / 1e6);
    }
  }
}
