package dev.gantry.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.SplittableRandom;

/**
 * One request being answered: the HTTP exchange, its parsed body, the scenario state it runs under,
 * and (after admission) its own random generator. Confined to the request's event loop.
 */
final class Call {
  final Vertx vertx;
  final HttpServerRequest request;
  final ObjectNode body;
  final SimState state;
  final Dialect dialect;

  /** Azure deployment from the path, or null for the OpenAI and Anthropic paths. */
  final String deployment;

  private SplittableRandom random;

  Call(
      Vertx vertx,
      HttpServerRequest request,
      ObjectNode body,
      SimState state,
      Dialect dialect,
      String deployment) {
    this.vertx = vertx;
    this.request = request;
    this.body = body;
    this.state = state;
    this.dialect = dialect;
    this.deployment = deployment;
  }

  Scenario scenario() {
    return state.scenario;
  }

  HttpServerResponse response() {
    return request.response();
  }

  /** This request's generator; drawn from the scenario's root on first use. */
  SplittableRandom random() {
    if (random == null) {
      random = state.forRequest();
    }
    return random;
  }

  void fail(SimError error) {
    HttpServerResponse response = response();
    response.setStatusCode(error.status()).putHeader("content-type", "application/json");
    if (dialect == Dialect.BEDROCK) {
      response.putHeader("x-amzn-errortype", Dialect.awsErrorType(error.status()));
    }
    if (error.retryAfterSeconds() >= 0) {
      response.putHeader("retry-after", Integer.toString(error.retryAfterSeconds()));
    }
    response.end(Buffer.buffer(dialect.errorBody(error)));
  }

  void sendJson(int status, Buffer body) {
    response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
