package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.store.responses.ResponseStore;
import dev.gantry.store.responses.StoredResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/responses}, {@code GET} and {@code DELETE /v1/responses/{id}}: the OpenAI
 * Responses API. A request is turned into the canonical chat request (after the stored conversation
 * of its {@code previous_response_id}, looked up in the caller's tenant only) and run through the
 * same pipeline as chat; the answer is rendered by {@link ResponsesApi}. Stored responses live for
 * {@code retention}. Shared; no per-request state.
 */
final class ResponsesHandler {
  static final String PATH = "/v1/responses";

  /** How long stored responses are kept (as long as OpenAI keeps them). */
  static final Duration RETENTION = Duration.ofDays(30);

  /** Bound on responses kept in memory when the gateway runs without a database. */
  static final long MEMORY_ENTRIES = 10_000;

  private final ChatHandler chat;
  private final ResponseStore store;
  private final Executor workers;
  private final Clock clock;
  private final Duration retention;

  ResponsesHandler(
      ChatHandler chat, ResponseStore store, Executor workers, Clock clock, Duration retention) {
    this.chat = chat;
    this.store = store;
    this.workers = workers;
    this.clock = clock;
    this.retention = retention;
  }

  /** Removes stored responses whose retention has ended (run hourly, on the worker pool). */
  void purgeExpired() {
    CompletableFuture.runAsync(store::purgeExpired, workers);
  }

  /**
   * @param trail the request's audit record, or null when the audit log is off
   */
  void create(
      HttpServerRequest request,
      ObjectNode body,
      String requestId,
      long start,
      Principal principal,
      dev.gantry.gateway.security.AuditTrail trail) {
    HttpServerResponse response = request.response();
    ApiError denied = Access.check(principal, Endpoint.RESPONSES, null, null);
    if (denied != null) {
      Responses.error(response, denied);
      return;
    }
    ResponsesRequest.requiredString(body, "model");
    JsonNode previous = body.get("previous_response_id");
    if (previous == null || previous.isNull()) {
      run(request, body, null, requestId, start, principal, trail);
      return;
    }
    if (!previous.isTextual() || previous.asText().isEmpty()) {
      throw ResponsesRequest.invalid(
          "'previous_response_id' must be a non-empty string.",
          "previous_response_id",
          "invalid_type");
    }
    String tenant = principal.tenant();
    Executor onLoop = OnContext.current();
    CompletableFuture.supplyAsync(() -> store.get(tenant, previous.asText()), workers)
        .whenCompleteAsync(
            (found, failure) -> {
              if (failure != null) {
                Responses.error(
                    response, ApiError.internal("The previous response could not be read."));
                return;
              }
              if (found.isEmpty()) {
                Responses.error(
                    response,
                    new ApiError(
                        404,
                        "Previous response with id '" + previous.asText() + "' not found.",
                        ApiError.INVALID_REQUEST,
                        "previous_response_id",
                        "previous_response_not_found"));
                return;
              }
              try {
                run(request, body, history(found.get()), requestId, start, principal, trail);
              } catch (ApiException e) {
                Responses.error(response, e.error());
              }
            },
            onLoop);
  }

  private void run(
      HttpServerRequest request,
      ObjectNode body,
      ArrayNode history,
      String requestId,
      long start,
      Principal principal,
      dev.gantry.gateway.security.AuditTrail trail) {
    ResponsesRequest.Converted converted = ResponsesRequest.toChat(body, history);
    ChatRequest canonical = ChatRequestValidator.validate(converted.chat());
    String id = OpaqueIds.next("resp_");
    String tenant = principal.tenant();
    Executor onLoop = OnContext.current();
    ResponsesApi api =
        new ResponsesApi(
            id,
            clock.instant().getEpochSecond(),
            body,
            history,
            result ->
                save(
                    result.path("id").asText(id),
                    tenant,
                    result,
                    converted.conversation(),
                    onLoop));
    chat.handle(request, canonical, body, requestId, start, principal, api, trail);
  }

  private CompletionStage<Void> save(
      String id, String tenant, ObjectNode result, ArrayNode conversation, Executor onLoop) {
    ObjectNode stored = Json.MAPPER.createObjectNode();
    stored.set("response", result);
    stored.set("conversation", ResponsesApi.continued(conversation, result));
    byte[] bytes = Json.toBytes(stored);
    java.time.Instant now = clock.instant();
    return CompletableFuture.runAsync(
            () -> store.put(new StoredResponse(id, tenant, now, now.plus(retention), bytes)),
            workers)
        .whenCompleteAsync((v, e) -> {}, onLoop);
  }

  private static ArrayNode history(StoredResponse stored) {
    JsonNode node = Json.tryParse(stored.body());
    JsonNode conversation = node == null ? null : node.get("conversation");
    return conversation instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode();
  }

  /** {@code GET /v1/responses/{id}}: the stored response, or 404. */
  void get(HttpServerResponse response, String id, Principal principal) {
    lookup(
        response,
        principal,
        () -> store.get(principal.tenant(), id),
        found -> {
          JsonNode node = Json.tryParse(found.body());
          Responses.json(response, 200, node.get("response"));
        },
        id);
  }

  /** {@code DELETE /v1/responses/{id}}: forgets the response, or 404. */
  void delete(HttpServerResponse response, String id, Principal principal) {
    lookup(
        response,
        principal,
        () ->
            store.delete(principal.tenant(), id)
                ? Optional.of(
                    new StoredResponse(
                        id, principal.tenant(), clock.instant(), clock.instant(), new byte[0]))
                : Optional.empty(),
        gone -> {
          ObjectNode body = Json.MAPPER.createObjectNode();
          body.put("id", id);
          body.put("object", "response");
          body.put("deleted", true);
          Responses.json(response, 200, body);
        },
        id);
  }

  private void lookup(
      HttpServerResponse response,
      Principal principal,
      java.util.function.Supplier<Optional<StoredResponse>> work,
      java.util.function.Consumer<StoredResponse> then,
      String id) {
    ApiError denied = Access.check(principal, Endpoint.RESPONSES, null, null);
    if (denied != null) {
      Responses.error(response, denied);
      return;
    }
    CompletableFuture.supplyAsync(work, workers)
        .whenCompleteAsync(
            (found, failure) -> {
              if (failure != null) {
                Responses.error(response, ApiError.internal("The response store failed."));
              } else if (found.isEmpty()) {
                Responses.error(
                    response,
                    new ApiError(
                        404,
                        "Response with id '" + id + "' not found.",
                        ApiError.INVALID_REQUEST,
                        null,
                        "not_found"));
              } else {
                then.accept(found.get());
              }
            },
            OnContext.current());
  }
}
