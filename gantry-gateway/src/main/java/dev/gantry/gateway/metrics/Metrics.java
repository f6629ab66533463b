package dev.gantry.gateway.metrics;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.DegradedAnswer;
import dev.gantry.core.events.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * The gateway's meters in one Micrometer registry, rendered in the Prometheus text format: request,
 * upstream, token, guardrail, cost, quality and saturation meters fed by events (stages never call
 * them), plus JVM, process, Vert.x and connection-pool meters. Names follow the OpenTelemetry GenAI
 * conventions where those define one ({@code docs/METRICS.md} lists every meter). Shared and
 * thread-safe; {@link #close} releases the JVM meters.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final MonitoringConfig.Metrics settings;
  private final UnaryOperator<String> providerNames;
  private JvmGcMetrics gc;
  private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> gauges =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<CounterKey, Counter> counters =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<java.util.function.DoubleSupplier> suppliers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Default settings; provider names are reported as configured. */
  public Metrics() {
    this(MonitoringConfig.Metrics.DEFAULTS, UnaryOperator.identity());
  }

  /**
   * @param providerNames turns a configured provider's name into its {@code gen_ai.provider.name}
   */
  public Metrics(MonitoringConfig.Metrics settings, UnaryOperator<String> providerNames) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.settings = settings;
    this.providerNames = providerNames;
  }

  /** The registry, for binders (Vert.x, connection pools) and tests. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Binds the JVM and process meters (memory, GC, threads, classes, CPU, uptime). */
  public Metrics withJvmMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return this;
  }

  /** Subscribes the meters to the events they count. */
  public void attach(EventBus events) {
    if (settings.enabled()) {
      new RequestMeters(registry, settings, providerNames).attach(events);
      new GuardrailMeters(registry).attach(events);
      new SpendMeters(registry, settings).attach(events);
      new QualityMeters(registry).attach(events);
      new CostMetrics(this).attach(events);
      new CacheMetrics(this).attach(events);
      events.subscribe(dev.gantry.core.events.AdmissionDecided.class, this::admission);
    }
    events.subscribe(DegradedAnswer.class, e -> degraded(e.route()));
  }

  /** Requests received whose response has not ended. */
  public void inflight(IntSupplier requests) {
    Gauge.builder("gantry.requests.inflight", requests::getAsInt)
        .description("Requests received whose response has not ended")
        .register(registry);
  }

  /** The worker pool's queue (guardrail checks, embeddings and store work wait there). */
  public void workers(ThreadPoolExecutor pool) {
    Gauge.builder("gantry.queue.depth", pool, p -> p.getQueue().size())
        .tag("queue", "workers")
        .description("Tasks waiting for a worker")
        .register(registry);
    Gauge.builder("gantry.workers.active", pool, ThreadPoolExecutor::getActiveCount)
        .description("Workers busy")
        .register(registry);
  }

  /** Counts an answer served by a last-resort fallback (e.g. the extractive provider). */
  public void degraded(String route) {
    Counter.builder("gantry.degraded.answers")
        .tag("route", String.valueOf(route))
        .description("Answers served by a last-resort fallback")
        .register(registry)
        .increment();
  }

  /**
   * Adds {@code delta} to the counter {@code name} with label pairs {@code labels}; a trailing
   * {@code _total} of the name is left to the registry's naming.
   */
  void add(String name, long delta, String... labels) {
    counters
        .computeIfAbsent(
            new CounterKey(name, java.util.List.of(labels)),
            k ->
                Counter.builder(
                        name.endsWith("_total") ? name.substring(0, name.length() - 6) : name)
                    .tags(Tags.of(labels))
                    .register(registry))
        .increment(delta);
  }

  /** A counter's name and label pairs: {@link #add} finds its counter without the registry. */
  private record CounterKey(String name, java.util.List<String> labels) {}

  /**
   * Admission: time waited in the queue by the admitted, refusals by limit, status and shedding.
   */
  void admission(dev.gantry.core.events.AdmissionDecided e) {
    if (e.admitted()) {
      io.micrometer.core.instrument.Timer.builder("gantry.queue.wait")
          .tag("code", String.valueOf(e.code()))
          .description("Time admitted requests waited in the admission queue")
          .publishPercentileHistogram()
          .register(registry)
          .record(e.waitedNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } else {
      Counter.builder("gantry.rate.limited")
          .tag("code", String.valueOf(e.code()))
          .tag("status", Integer.toString(e.status()))
          .tag("shed", Boolean.toString(e.shed()))
          .description("Requests refused by a rate limit or for lack of capacity")
          .register(registry)
          .increment();
    }
  }

  /**
   * A value read at each scrape: a counter when the name ends in {@code _total}, else a gauge;
   * {@code labels} are name/value pairs. Micrometer holds the object a function meter reads only
   * weakly, so the suppliers are kept here: a lambda nobody else references would otherwise be
   * collected, and its meter would read 0 or NaN from then on. The name is registered in
   * Micrometer's dotted form, so that it joins a meter of the same exported name registered
   * elsewhere (two spellings of one Prometheus name would make the second registration fail).
   */
  public void gauge(String name, java.util.function.DoubleSupplier value, String... labels) {
    suppliers.add(value);
    String dotted = name.replace('_', '.');
    if (name.endsWith("_total")) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              dotted.substring(0, dotted.length() - ".total".length()),
              value,
              java.util.function.DoubleSupplier::getAsDouble)
          .tags(Tags.of(labels))
          .register(registry);
    } else {
      Gauge.builder(dotted, value, java.util.function.DoubleSupplier::getAsDouble)
          .tags(Tags.of(labels))
          .register(registry);
    }
  }

  /** Sets the gauge {@code name} with label pairs {@code labels} to {@code value}. */
  void set(String name, long value, String... labels) {
    gauges
        .computeIfAbsent(
            name + Tags.of(labels),
            k -> {
              java.util.concurrent.atomic.AtomicLong v =
                  new java.util.concurrent.atomic.AtomicLong();
              Gauge.builder(name, v, java.util.concurrent.atomic.AtomicLong::get)
                  .tags(Tags.of(labels))
                  .register(registry);
              return v;
            })
        .set(value);
  }

  /**
   * What Vert.x meters into this registry: its HTTP server and worker pools. Upstream calls are
   * metered by {@code gen_ai_client_*} per provider and model, so Vert.x's HTTP client and TCP
   * meters, which built their labels anew on every request (about 2.5% of a core at the maximum),
   * are off.
   */
  public io.vertx.micrometer.MicrometerMetricsOptions vertxOptions(boolean enabled) {
    return new io.vertx.micrometer.MicrometerMetricsOptions()
        .setEnabled(enabled)
        .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.NET_SERVER);
  }

  /** Everything, in the Prometheus text exposition format (version 0.0.4). */
  public String render() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
