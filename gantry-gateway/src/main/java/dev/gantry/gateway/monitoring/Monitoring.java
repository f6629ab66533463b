package dev.gantry.gateway.monitoring;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Scheduler;
import dev.gantry.gateway.alerts.AlertEngine;
import dev.gantry.gateway.alerts.Webhooks;
import dev.gantry.gateway.feedback.Feedback;
import dev.gantry.gateway.feedback.RecentRequests;
import dev.gantry.gateway.metrics.Metrics;
import dev.gantry.gateway.metrics.Rollups;
import dev.gantry.gateway.tracing.Tracing;
import dev.gantry.store.monitoring.MonitoringStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway's monitoring: meters, traces, rollups (kept in the store), alerts, feedback and the
 * periodic work (alert evaluation, rollup flushes) on the injected scheduler, or on a daemon thread
 * of its own on real time. Built once at start (its settings need a restart to change). Shared and
 * thread-safe; {@link #close} flushes the rollups and the traces.
 */
public final class Monitoring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

  /** How often rollups are written to the store. */
  static final Duration FLUSH_EVERY = Duration.ofMinutes(1);

  private final MonitoringConfig config;
  private final Metrics metrics;
  private final Tracing tracing;
  private final Rollups rollups;
  private final AlertEngine alerts;
  private final RecentRequests recent;
  private final Feedback feedback;
  private final MonitoringStore store;
  private final Scheduler scheduler;
  private final ScheduledExecutorService ownThread;
  private final Clock clock;
  private final EventBus events;
  private final List<Scheduler.Scheduled> timers = new ArrayList<>();
  private final List<AutoCloseable> parts = new ArrayList<>();
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean evaluating =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> ui;
  private volatile dev.gantry.gateway.drift.DriftWatcher drift;

  private Monitoring(
      MonitoringConfig config,
      Metrics metrics,
      Tracing tracing,
      Rollups rollups,
      AlertEngine alerts,
      RecentRequests recent,
      Feedback feedback,
      MonitoringStore store,
      Scheduler scheduler,
      ScheduledExecutorService ownThread,
      Clock clock,
      EventBus events) {
    this.events = events;
    this.config = config;
    this.metrics = metrics;
    this.tracing = tracing;
    this.rollups = rollups;
    this.alerts = alerts;
    this.recent = recent;
    this.feedback = feedback;
    this.store = store;
    this.scheduler = scheduler;
    this.ownThread = ownThread;
    this.clock = clock;
  }

  /**
   * Builds and starts monitoring.
   *
   * @param metrics the gateway's meters (made before Vert.x, which reports into them)
   * @param tracing the gateway's traces
   * @param store the store, or null without one (nothing then survives a restart)
   * @param scheduler the injected scheduler, or null for real time
   */
  public static Monitoring start(
      GantryConfig config,
      Metrics metrics,
      Tracing tracing,
      EventBus events,
      Clock clock,
      Scheduler scheduler,
      MonitoringStore store) {
    MonitoringConfig mc = config.monitoring();
    Rollups rollups =
        new Rollups(
            clock,
            route -> {
              MonitoringConfig.Slo slo = mc.slos().get(route);
              return slo == null ? null : slo.latencyThreshold();
            },
            store);
    try {
      rollups.load();
    } catch (RuntimeException e) {
      LOG.warn("could not read the stored rollups: {}", e.toString());
    }
    rollups.attach(events);
    metrics.attach(events);
    AlertEngine alerts =
        new AlertEngine(mc, rollups, events, clock, new Webhooks(mc.alerts().webhooks()));
    alerts.attach(events);
    RecentRequests recent = new RecentRequests();
    recent.attach(events);
    Feedback feedback = new Feedback(recent, store, events, clock);
    ScheduledExecutorService own = null;
    Scheduler on = scheduler;
    if (on == null) {
      own =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gantry-monitoring");
                t.setDaemon(true);
                return t;
              });
      on = Scheduler.of(own);
    }
    Monitoring m =
        new Monitoring(
            mc, metrics, tracing, rollups, alerts, recent, feedback, store, on, own, clock, events);
    // Rules and SLOs are evaluated on the schedule; without them the schedule starts only when an
    // event raises an alert that resolves at a given time (a soft spend limit's period end), so
    // a gateway without alerts puts no timer on the injected scheduler.
    if (!mc.alerts().rules().isEmpty() || !mc.slos().isEmpty()) {
      m.startEvaluating();
    } else {
      alerts.whenExpiring(m::startEvaluating);
    }
    if (store != null) {
      m.every(FLUSH_EVERY, rollups::flush, "rollup flush");
    }
    return m;
  }

  /** Starts evaluating the alerts on their schedule (once). */
  void startEvaluating() {
    if (evaluating.compareAndSet(false, true)) {
      every(config.alerts().evaluateEvery(), alerts::evaluate, "alert evaluation");
    }
  }

  /** Runs {@code task} every {@code period} on the monitoring scheduler until closed. */
  public void every(Duration period, Runnable task, String what) {
    Runnable[] loop = new Runnable[1];
    loop[0] =
        () -> {
          if (closed) {
            return;
          }
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
          }
          if (!closed) {
            synchronized (timers) {
              timers.add(scheduler.schedule(period, loop[0]));
            }
          }
        };
    synchronized (timers) {
      timers.add(scheduler.schedule(period, loop[0]));
    }
  }

  /** Closes {@code part} together with monitoring. */
  public void own(AutoCloseable part) {
    parts.add(part);
  }

  public MonitoringConfig config() {
    return config;
  }

  public Metrics metrics() {
    return metrics;
  }

  public Tracing tracing() {
    return tracing;
  }

  public Rollups rollups() {
    return rollups;
  }

  public AlertEngine alerts() {
    return alerts;
  }

  public Feedback feedback() {
    return feedback;
  }

  public RecentRequests recent() {
    return recent;
  }

  /** The dashboard's request handler, or null when there is none. */
  public io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> ui() {
    return ui;
  }

  public void ui(io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> dashboard) {
    this.ui = dashboard;
  }

  /** The input drift watcher, or null when drift is not watched. */
  public dev.gantry.gateway.drift.DriftWatcher drift() {
    return drift;
  }

  public void drift(dev.gantry.gateway.drift.DriftWatcher watcher) {
    this.drift = watcher;
  }

  /** The store's monitoring tables, or null without a store. */
  public MonitoringStore store() {
    return store;
  }

  /** The gateway's event bus, where monitoring's own events are published. */
  public EventBus events() {
    return events;
  }

  public Clock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (timers) {
      timers.forEach(Scheduler.Scheduled::cancel);
      timers.clear();
    }
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part, e.toString());
      }
    }
    try {
      rollups.flush();
    } catch (RuntimeException e) {
      LOG.warn("flushing the rollups at close failed: {}", e.toString());
    }
    tracing.close();
    if (ownThread != null) {
      ownThread.shutdownNow();
    }
    metrics.close();
  }
}
