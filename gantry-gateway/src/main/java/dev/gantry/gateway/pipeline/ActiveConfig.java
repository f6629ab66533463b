package dev.gantry.gateway.pipeline;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.gateway.cost.CostRuntime;
import dev.gantry.gateway.cost.Costs;
import dev.gantry.gateway.guard.InputGuardStage;
import dev.gantry.gateway.guard.OutputGuardStage;
import dev.gantry.gateway.guard.RouteGuards;
import dev.gantry.gateway.providers.UpstreamClient;
import dev.gantry.gateway.rag.ExtractiveProvider;
import dev.gantry.gateway.rag.Knowledge;
import dev.gantry.gateway.rag.RetrieveStage;
import dev.gantry.gateway.routing.AttemptLoop;
import dev.gantry.gateway.security.SanitizeStage;
import dev.gantry.rag.KnowledgeBase;
import dev.gantry.rag.answer.ExtractiveAnswerer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything built from one validated configuration: the upstream clients and the chat pipeline.
 * Immutable; a reload builds a new one, swaps it in atomically and closes the old one's clients
 * after in-flight requests had time to finish. This is the one place where the stage list is
 * assembled.
 */
public record ActiveConfig(
    GantryConfig config,
    Map<String, UpstreamClient> clients,
    Pipeline pipeline,
    AttemptLoop loop,
    Map<String, KnowledgeBase> knowledgeBases,
    Services services,
    Costs costs) {

  public static ActiveConfig build(
      Vertx vertx,
      GantryConfig config,
      AttemptLoop loop,
      Ticker ticker,
      EventBus events,
      Services services,
      CostRuntime costRuntime,
      dev.gantry.gateway.limits.LimitsRuntime limits) {
    Map<String, UpstreamClient> clients = new LinkedHashMap<>();
    Map<String, ExtractiveProvider> local = new LinkedHashMap<>();
    config
        .providers()
        .forEach(
            (name, provider) -> {
              if (provider.type().remote()) {
                clients.put(name, new UpstreamClient(vertx, provider));
              } else {
                local.put(
                    name,
                    new ExtractiveProvider(
                        new ExtractiveAnswerer(services.embedder()),
                        TokenCounter.defaultCounter()));
              }
            });
    Map<String, KnowledgeBase> bases = Knowledge.open(config, services);
    List<dev.gantry.core.pipeline.Stage> stages = new ArrayList<>();
    Costs costs = Costs.build(config, costRuntime);
    InvokeStage invoke =
        new InvokeStage(
            clients,
            local,
            services.workers(),
            loop,
            ticker,
            TimeUnit.MILLISECONDS.toNanos(config.server().requestTimeout().toMillis()),
            costs::completed,
            e ->
                dev.gantry.gateway.routing.LatencyBudgets.goal(
                    e.route(),
                    e.latencyBudgetMs(),
                    e.sink() != null,
                    config.server().region(),
                    new RequestPrices(costs, e)));
    Map<String, RouteGuards> guards = RouteGuards.forRoutes(config.routes(), services);
    stages.add(new SanitizeStage(config.sanitize()));
    stages.add(new RouteStage(config.routes()));
    dev.gantry.gateway.limits.AdmitStage admit = null;
    if (!config.limits().isNone() || config.security().auth().required()) {
      // with keys, a key may carry rate limits of its own
      admit =
          new dev.gantry.gateway.limits.AdmitStage(
              config.limits(), limits, costs::tokenEstimate, costs.claimAhead(), events);
      stages.add(admit);
    }
    if (!guards.isEmpty()) {
      stages.add(
          new InputGuardStage(
              guards,
              services.workers(),
              events,
              services::embedder,
              ticker,
              services::embeddingBatcher));
    }
    if (config.routes().values().stream().anyMatch(r -> r.cache() != null)) {
      stages.add(
          new dev.gantry.gateway.cache.CacheStage(
              costRuntime.cache(),
              services.workers(),
              services::encoder,
              events,
              config.routes(),
              bases));
    }
    if (!bases.isEmpty()) {
      stages.add(new RetrieveStage(bases, services.workers()));
    }
    if (admit != null && !config.limits().routes().isEmpty()) {
      stages.add(admit.degradeStage(local.isEmpty() ? null : local.keySet().iterator().next()));
    }
    stages.addAll(costs.requestStages(services::embedder));
    if (!guards.isEmpty()) {
      stages.add(new OutputGuardStage(guards, services.workers(), events, invoke, ticker));
    }
    stages.addAll(costs.answerStages(invoke));
    stages.add(invoke);
    return new ActiveConfig(
        config, Map.copyOf(clients), new Pipeline(stages), loop, bases, services, costs);
  }

  /** Closes the upstream clients (in-flight requests on them fail). */
  public void closeClients() {
    clients.values().forEach(UpstreamClient::close);
  }
}
