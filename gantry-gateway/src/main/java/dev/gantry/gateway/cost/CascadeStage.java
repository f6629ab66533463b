package dev.gantry.gateway.cost;

import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.Escalation;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.TierEscalated;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cascades of tiered routes ({@code tiering.mode: cascade}): on a complete answer from a tier that
 * is not the last, runs the route's answer checks; when one fails, the answer is discarded (its
 * cost still counts), the request moves to the next tier and the invoke stage is asked again (with
 * its retries and fallbacks), until an answer passes or the last tier has answered. Streams never
 * cascade: their first byte is final. Shared and thread-safe.
 */
final class CascadeStage implements Stage {
  private final Stage invoke;
  private final EventBus events;
  private final AnswerCheck checks = new AnswerCheck();

  CascadeStage(Stage invoke, EventBus events) {
    this.invoke = invoke;
    this.events = events;
  }

  @Override
  public String name() {
    return "cascade";
  }

  @Override
  public CompletionStage<Verdict> onResponse(Exchange exchange) {
    RouteConfig route = exchange.route();
    TieringConfig tiering = route == null ? null : route.cost().tiering();
    if (tiering == null
        || tiering.mode() != TieringConfig.Mode.CASCADE
        || exchange.sink() != null
        || exchange.response() == null
        || exchange.cost().tier() == null) {
      return Verdict.PASS_NOW;
    }
    String current = exchange.cost().finalTier();
    String next = tiering.next(current);
    if (next == null) {
      return Verdict.PASS_NOW;
    }
    Escalation.Reason reason =
        checks.check(
            exchange.response(),
            exchange.request().json().get("response_format"),
            tiering.checks());
    if (reason == null) {
      return Verdict.PASS_NOW;
    }
    exchange.cost().discardCalls();
    exchange.cost().escalate(new Escalation(current, next, reason));
    exchange.route(route.withDeployments(tiering.tiers().get(next)));
    events.publish(
        new TierEscalated(exchange.requestId(), route.name(), current, next, reason.label()));
    return invoke
        .onRequest(exchange)
        .thenCompose(
            v ->
                v instanceof Verdict.Pass
                    ? onResponse(exchange)
                    : CompletableFuture.completedFuture(v));
  }

  @Override
  public String toString() {
    return name();
  }
}
