package dev.gantry.gateway.cost;

import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.TierDecision;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.ml.Embedder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * For routes with tiers: decides the tier a request starts on — the complexity router's verdict
 * (below the threshold: the cheapest tier; at or above: the last), or the cheapest tier for a
 * cascade without the router — and points the request at that tier's deployments. A stream in a
 * cascade without the router goes to the last tier, since streams are never escalated. The typed
 * decision goes on the request's cost sheet (headers, audit, metrics). Scoring with labelled
 * examples embeds on the worker pool. Shared and thread-safe.
 */
final class TierStage implements Stage {
  private final Executor workers;
  private final Supplier<Embedder> embedder;
  private final TokenEstimator tokens;
  private final Map<String, ComplexityRouter> routers = new ConcurrentHashMap<>();

  TierStage(Executor workers, Supplier<Embedder> embedder, TokenEstimator tokens) {
    this.workers = workers;
    this.embedder = embedder;
    this.tokens = tokens;
  }

  @Override
  public String name() {
    return "tier";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteConfig route = exchange.route();
    TieringConfig tiering = route.cost().tiering();
    if (tiering == null) {
      return Verdict.PASS_NOW;
    }
    List<String> names = tiering.names();
    String last = names.get(names.size() - 1);
    boolean cascade = tiering.mode() == TieringConfig.Mode.CASCADE;
    if (!tiering.router()) {
      TierDecision d =
          cascade && exchange.sink() == null
              ? new TierDecision(names.get(0), TierDecision.Basis.CASCADE_START, 0, Set.of())
              : new TierDecision(last, TierDecision.Basis.STREAM_DEFAULT, 0, Set.of());
      return Verdict.now(apply(exchange, route, tiering, d));
    }
    ComplexityRouter router =
        routers.computeIfAbsent(route.name(), k -> new ComplexityRouter(tiering, embedder, tokens));
    if (!router.usesExamples()) {
      return Verdict.now(apply(exchange, route, tiering, decide(router, exchange, tiering)));
    }
    Executor onLoop = OnContext.current();
    return CompletableFuture.supplyAsync(() -> decide(router, exchange, tiering), workers)
        .thenApplyAsync(d -> apply(exchange, route, tiering, d), onLoop);
  }

  private static TierDecision decide(
      ComplexityRouter router, Exchange exchange, TieringConfig tiering) {
    ComplexityRouter.Score s = router.score(exchange.request());
    List<String> names = tiering.names();
    boolean complex = s.value() >= tiering.threshold();
    return new TierDecision(
        complex ? names.get(names.size() - 1) : names.get(0),
        complex ? TierDecision.Basis.COMPLEX : TierDecision.Basis.SIMPLE,
        s.value(),
        s.signals());
  }

  private static Verdict apply(
      Exchange exchange, RouteConfig route, TieringConfig tiering, TierDecision decision) {
    exchange.cost().tier(decision);
    exchange.route(route.withDeployments(tiering.tiers().get(decision.tier())));
    return Verdict.PASS;
  }

  @Override
  public String toString() {
    return name();
  }
}
