package dev.gantry.gateway;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.SecurityConfig;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.gateway.http.HttpApi;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.pipeline.Pipeline;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.gateway.routing.AttemptLoop;
import dev.gantry.gateway.routing.AttemptPlanner;
import dev.gantry.gateway.routing.Backoff;
import dev.gantry.gateway.routing.DeploymentHealth;
import dev.gantry.gateway.security.SecurityRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: its Vert.x instance, HTTP servers (one per event loop, sharing the port) and
 * the active configuration, which {@link #reload} swaps atomically. Thread-safe. Start with {@link
 * #start}; {@link #close} stops it.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final AtomicReference<ActiveConfig> active;
  private final AttemptLoop loop;
  private final GatewayOptions options;
  private final HttpApi api;
  private final int port;
  private final ConfigReloader reloader;
  private final dev.gantry.gateway.cost.CostRuntime costs;
  private SecurityRuntime security;
  private dev.gantry.gateway.monitoring.Monitoring monitoring;
  private int adminPort = -1;
  private dev.gantry.gateway.limits.LimitsRuntime limits;
  private dev.gantry.gateway.metrics.Metrics metrics;

  private Gateway(
      Vertx vertx,
      AtomicReference<ActiveConfig> active,
      AttemptLoop loop,
      GatewayOptions options,
      HttpApi api,
      int port,
      dev.gantry.gateway.cost.CostRuntime costs) {
    this.vertx = vertx;
    this.active = active;
    this.loop = loop;
    this.options = options;
    this.api = api;
    this.port = port;
    this.costs = costs;
    this.reloader = options.configFile() == null ? null : new ConfigReloader(this, options);
  }

  /** Starts a gateway and blocks until it listens. */
  public static Gateway start(GantryConfig config, GatewayOptions options) {
    return start(config, options, null);
  }

  /**
   * Starts a gateway that makes its spans with {@code tracing} (tests hand in one with an in-memory
   * exporter) instead of the configured tracing; null means as configured.
   */
  public static Gateway start(
      GantryConfig config, GatewayOptions options, dev.gantry.gateway.tracing.Tracing tracing) {
    int loops =
        options.eventLoops() > 0
            ? options.eventLoops()
            : Runtime.getRuntime().availableProcessors();
    SecurityRuntime security = null;
    AtomicReference<ActiveConfig> current = new AtomicReference<>();
    dev.gantry.gateway.metrics.Metrics metrics =
        new dev.gantry.gateway.metrics.Metrics(
                config.monitoring().metrics(),
                name ->
                    dev.gantry.gateway.tracing.GenAi.providerName(
                        current.get() == null
                            ? config.providers().get(name)
                            : current.get().config().providers().get(name),
                        name))
            .withJvmMeters();
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setPreferNativeTransport(true)
                    .setEventLoopPoolSize(loops)
                    .setWorkerPoolSize(Math.max(4, loops * 2))
                    .setMetricsOptions(
                        metrics.vertxOptions(config.monitoring().metrics().enabled())))
            .withMetrics(new io.vertx.micrometer.MicrometerMetricsFactory(metrics.registry()))
            .build();
    dev.gantry.gateway.monitoring.Monitoring monitoring = null;
    // Loads the tokenizer's ranks (seconds on a cold, busy JVM) here, on the starting thread,
    // rather
    // than on the event loop under the first request that counts tokens.
    dev.gantry.core.tokens.TokenCounter.defaultCounter().count("warm-up");
    try {
      DeploymentHealth health =
          new DeploymentHealth(
              options.ticker(),
              config.limits().breaker(),
              config.limits().upstream(),
              config.limits().breakersByDeployment(config.routes().values()));
      AttemptLoop loop =
          new AttemptLoop(
              dev.gantry.gateway.providers.VertxScheduler.on(vertx, options.scheduler()),
              new AttemptPlanner(options.random(), health),
              new Backoff(options.random()),
              health,
              options.events(),
              options.ticker());
      if (config.limits().hedgeBudgetPercent() > 0) {
        loop.hedging(new dev.gantry.gateway.routing.Hedging(config.limits().hedgeBudgetPercent()));
      }
      options
          .events()
          .subscribe(
              dev.gantry.core.events.UpstreamAttemptFailed.class,
              e -> {
                if (e.willRetry()) {
                  LOG.debug(
                      "{} attempt {} on {}/{} failed ({}); retrying",
                      e.requestId(),
                      e.attempt(),
                      e.provider(),
                      e.model(),
                      e.reason());
                } else {
                  LOG.warn(
                      "{} attempt {} on {}/{} failed ({}); giving up",
                      e.requestId(),
                      e.attempt(),
                      e.provider(),
                      e.model(),
                      e.reason());
                }
              });
      dev.gantry.gateway.cost.CostRuntime costs =
          new dev.gantry.gateway.cost.CostRuntime(
              options.clock(), options.ticker(), options.events(), Services.shared().workers());
      costs.shareSpend(config.limits().redis(), vertx);
      dev.gantry.gateway.limits.LimitsRuntime limits =
          dev.gantry.gateway.limits.LimitsRuntime.start(
              config.limits(),
              config.server().requestTimeout().plusMinutes(1),
              options.ticker(),
              dev.gantry.gateway.providers.VertxScheduler.on(vertx, options.scheduler()),
              options.events(),
              costs.sharedSpend(),
              vertx);
      AtomicReference<ActiveConfig> active =
          new AtomicReference<>(
              ActiveConfig.build(
                  vertx,
                  config,
                  loop,
                  options.ticker(),
                  options.events(),
                  Services.shared(),
                  costs,
                  limits));
      current.set(active.get());
      ServerConfig server = config.server();
      security = SecurityRuntime.open(config, options.env(), System.out, options.clock());
      costs.attach(security.store() == null ? null : security.store().ledger());
      costs.cache().attach(security.store() == null ? null : security.store().cache());
      monitoring =
          dev.gantry.gateway.monitoring.Monitoring.start(
              config,
              metrics,
              tracing != null
                  ? tracing
                  : dev.gantry.gateway.tracing.Tracing.create(config.monitoring().tracing()),
              options.events(),
              options.clock(),
              options.scheduler(),
              security.store() == null ? null : security.store().monitoring());
      if (security.store() != null) {
        security.store().meterPools(metrics.registry());
      }
      security.registerMetrics(metrics::gauge);
      metrics.workers((java.util.concurrent.ThreadPoolExecutor) Services.shared().workers());
      limits.registerMetrics(metrics::gauge);
      if (costs.sharedSpend() != null) {
        costs.sharedSpend().registerMetrics(metrics::gauge);
      }
      if (loop.hedging() != null) {
        metrics.gauge("gantry_hedges_total", () -> loop.hedging().hedges());
        metrics.gauge("gantry_hedge_wins_total", () -> loop.hedging().wins());
        metrics.gauge("gantry_hedge_losers_total", () -> loop.hedging().losers());
        metrics.gauge(
            "gantry_hedge_loser_cost_usd_micros_total", () -> loop.hedging().loserMicros());
      }
      if (config.monitoring().drift().enabled()) {
        monitoring.drift(
            new dev.gantry.gateway.drift.DriftWatcher(
                config.monitoring().drift(),
                Services.shared()::embedder,
                Services.shared().workers(),
                options.events(),
                new java.util.SplittableRandom(options.random().nextLong())));
      }
      monitoring.ui(
          new dev.gantry.gateway.ui.Dashboard(
              monitoring,
              security.authenticator(),
              server.tls() != null,
              () -> active.get().pipeline().toString(),
              health::healthy,
              options.events()));
      HttpApi api =
          new HttpApi(
              vertx,
              server,
              active::get,
              options.ticker(),
              options.events(),
              security,
              false,
              monitoring);
      api.purgeExpiredResponses(
          dev.gantry.gateway.providers.VertxScheduler.on(vertx, options.scheduler()));
      int port = Listeners.listen(vertx, server, api, server.port(), loops);
      int adminPort = -1;
      SecurityConfig.Admin admin = config.security().admin();
      if (security.store() != null && admin.port() >= 0) {
        HttpApi adminApi =
            new HttpApi(
                vertx,
                server,
                active::get,
                options.ticker(),
                options.events(),
                security,
                true,
                monitoring);
        ServerConfig adminServer =
            new ServerConfig(
                admin.host(),
                admin.port(),
                server.maxBodyBytes(),
                server.bodyTimeout(),
                server.requestTimeout(),
                server.reloadInterval(),
                server.tls(),
                server.maxConnections(),
                server.maxConnectionsPerIp());
        adminPort = Listeners.listen(vertx, adminServer, adminApi, admin.port(), 1);
        LOG.info("Gantry admin API on {}:{}", admin.host(), adminPort);
      }
      metrics.inflight(api::inflight);
      Gateway gateway = new Gateway(vertx, active, loop, options, api, port, costs);
      gateway.monitoring = monitoring;
      scheduleRetention(vertx, security);
      gateway.security = security;
      gateway.adminPort = adminPort;
      gateway.limits = limits;
      gateway.metrics = metrics;
      LOG.info(
          "Gantry listening on {}://{}:{} ({} event loop(s)); pipeline: {}",
          server.tls() == null ? "http" : "https",
          server.host(),
          port,
          loops,
          active.get().pipeline());
      if (gateway.reloader != null) {
        gateway.reloader.start(server.reloadInterval());
      }
      return gateway;
    } catch (RuntimeException e) {
      vertx.close();
      if (monitoring != null) {
        monitoring.close();
      }
      if (security != null) {
        security.close();
      }
      throw e;
    }
  }

  /**
   * Purges audit records older than {@code audit.retention} at start and every hour, on a worker
   * (the chain stays verifiable across the purge).
   */
  private static void scheduleRetention(Vertx vertx, SecurityRuntime security) {
    java.time.Duration retention = security.config().audit().retention();
    if (security.audit() == null || retention.isZero()) {
      return;
    }
    Runnable purge =
        () ->
            Services.shared()
                .workers()
                .execute(
                    () -> {
                      try {
                        long n =
                            security.audit().purge(security.clock().instant().minus(retention));
                        if (n > 0) {
                          LOG.info("audit retention: purged {} record(s)", n);
                        }
                      } catch (RuntimeException e) {
                        LOG.warn("audit retention purge failed: {}", e.toString());
                      }
                    });
    purge.run();
    vertx.setPeriodic(3_600_000, id -> purge.run());
  }

  /** {@code http://host:port} of the separate admin listener, or null when there is none. */
  public String adminBaseUrl() {
    if (adminPort < 0) {
      return null;
    }
    SecurityConfig.Admin admin = active.get().config().security().admin();
    return (active.get().config().server().tls() == null ? "http://" : "https://")
        + admin.host()
        + ":"
        + adminPort;
  }

  /** Cost controls' state that outlives reloads: spend reservations, the ledger. */
  public dev.gantry.gateway.cost.CostRuntime costs() {
    return costs;
  }

  /** Keys, store and audit log of this gateway. */
  public SecurityRuntime security() {
    return security;
  }

  /** The TCP port the gateway listens on. */
  public int port() {
    return port;
  }

  /** {@code http://host:port} (or {@code https://} with TLS) of the gateway. */
  public String baseUrl() {
    ServerConfig server = active.get().config().server();
    String host = server.host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "127.0.0.1";
    }
    return (server.tls() == null ? "http://" : "https://") + host + ":" + port;
  }

  public GantryConfig config() {
    return active.get().config();
  }

  public Pipeline pipeline() {
    return active.get().pipeline();
  }

  /**
   * Swaps in a new configuration atomically. Requests in flight finish on the old one, whose
   * upstream clients are closed once the longest request could have ended. Listening address
   * changes need a restart and are ignored (with a warning).
   */
  public void reload(GantryConfig config) {
    ServerConfig current = active.get().config().server();
    if (!config.server().host().equals(current.host())
        || (config.server().port() != current.port() && config.server().port() != port)) {
      LOG.warn(
          "server.host/server.port changes need a restart; keeping {}:{}", current.host(), port);
    }
    GantryConfig effective = config.withServer(current);
    ActiveConfig next =
        ActiveConfig.build(
            vertx,
            effective,
            loop,
            options.ticker(),
            options.events(),
            Services.shared(),
            costs,
            limits);
    ActiveConfig previous = active.getAndSet(next);
    long graceMs = Math.max(1000, current.requestTimeout().toMillis());
    vertx.setTimer(graceMs, id -> previous.closeClients());
    LOG.info(
        "configuration reloaded: {} route(s); pipeline: {}",
        effective.routes().size(),
        next.pipeline());
  }

  /**
   * Stops the gateway: {@code /readyz} turns 503 at once, requests in flight get up to {@code
   * drain} to finish, then the servers and upstream clients close.
   */
  public void close(java.time.Duration drain) {
    api.notReady();
    long deadline = System.nanoTime() + drain.toNanos();
    while (api.inflight() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (api.inflight() > 0) {
      LOG.warn("closing with {} request(s) still in flight", api.inflight());
    }
    close();
  }

  /** Stops the gateway at once; requests in flight fail. */
  @Override
  public void close() {
    api.notReady();
    if (reloader != null) {
      reloader.close();
    }
    active.get().closeClients();
    costs.cache().close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    if (monitoring != null) {
      monitoring.close();
    }
    if (security != null) {
      security.close();
    }
    if (limits != null) {
      limits.close();
    }
    costs.close(); // after the rate limits, which may share its Redis connection
  }

  /** The metrics served at {@code /admin/metrics}. */
  public dev.gantry.gateway.metrics.Metrics metrics() {
    return metrics;
  }

  /** Hedged requests and their counts, or null when hedging is off. */
  public dev.gantry.gateway.routing.Hedging hedging() {
    return loop.hedging();
  }

  /** Rate limits, the admission queue and the shared store, kept across reloads. */
  public dev.gantry.gateway.limits.LimitsRuntime limits() {
    return limits;
  }

  /** Meters, traces, rollups, alerts and feedback of this gateway. */
  public dev.gantry.gateway.monitoring.Monitoring monitoring() {
    return monitoring;
  }
}
