package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.monitoring.Monitoring;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.store.monitoring.FeedbackSummary;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The monitoring endpoints of the HTTP API: {@code GET /metrics} (Prometheus text), {@code POST
 * /v1/feedback}, and the feedback figures added to {@code /admin/usage}. Stateless.
 */
final class MonitoringEndpoints {
  static final String FEEDBACK = "/v1/feedback";

  /** How far back {@code /admin/usage} sums feedback. */
  static final Duration FEEDBACK_WINDOW = Duration.ofDays(30);

  private MonitoringEndpoints() {}

  static void metrics(HttpServerResponse response, Monitoring monitoring) {
    response
        .setStatusCode(200)
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
        .end(monitoring.metrics().render());
  }

  /** Rates an answer: checks access, then validates and stores the rating on a worker. */
  static void feedback(
      HttpServerResponse response, Monitoring monitoring, Principal who, ObjectNode body) {
    ApiError denied = Access.check(who, Endpoint.FEEDBACK, null, null);
    if (denied != null) {
      Responses.error(response, denied);
      return;
    }
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return (Object) monitoring.feedback().submit(who, body);
              } catch (ApiException e) {
                return e.error();
              }
            },
            Services.shared().workers())
        .whenCompleteAsync(
            (result, error) -> {
              if (error != null) {
                Responses.error(response, ApiError.internal("The feedback could not be stored."));
              } else if (result instanceof ApiError e) {
                Responses.error(response, e);
              } else {
                Responses.json(response, 200, (JsonNode) result);
              }
            },
            OnContext.current());
  }

  /**
   * Adds {@code feedback} (ratings and mean score per route and model over the last 30 days) to a
   * usage report, for {@code tenant} or, when it is null, every tenant. Blocking; runs on a worker.
   */
  static JsonNode withFeedback(JsonNode usage, String tenant, Monitoring monitoring) {
    if (monitoring == null || monitoring.store() == null || !(usage instanceof ObjectNode out)) {
      return usage;
    }
    ArrayNode data = out.putArray("feedback");
    for (FeedbackSummary f :
        monitoring
            .store()
            .feedbackSummary(tenant, monitoring.clock().instant().minus(FEEDBACK_WINDOW))) {
      data.addObject()
          .put("route", f.route())
          .put("model", f.model())
          .put("ratings", f.count())
          .put("mean_score", f.mean());
    }
    return out;
  }
}
