package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP entry point: reads the body, records the request, then dispatches by method and path.
 * Unknown paths get 404 and known paths with the wrong method 405, in the provider's error shape.
 * Shared by all requests; thread-safe.
 */
final class Router implements Handler<HttpServerRequest> {
  private static final String AZURE_PREFIX = "/openai/deployments/";
  private static final String GEMINI_PREFIX = "/v1beta/models/";
  private static final String BEDROCK_PREFIX = "/model/";

  private static String decode(String segment) {
    return java.net.URLDecoder.decode(
        segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private final Vertx vertx;
  private final Supplier<SimState> state;
  private final ReceivedLog received;

  Router(Vertx vertx, Supplier<SimState> state, ReceivedLog received) {
    this.vertx = vertx;
    this.state = state;
    this.received = received;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> dispatch(request, body));
  }

  private void dispatch(HttpServerRequest request, Buffer raw) {
    ObjectNode body = null;
    if (raw.length() > 0) {
      JsonNode parsed = Json.tryParse(raw.getBytes());
      if (parsed instanceof ObjectNode object) {
        body = object;
      }
    }
    received.add(
        new Simulator.Received(request.method().name(), request.path(), headers(request), body));
    String path = request.path();
    HttpMethod method = request.method();
    switch (path) {
      case "/v1/chat/completions" ->
          route(
              request,
              body,
              Dialect.OPENAI,
              null,
              method,
              HttpMethod.POST,
              OpenAiChatHandler::handle);
      case "/v1/responses" ->
          route(
              request,
              body,
              Dialect.OPENAI,
              null,
              method,
              HttpMethod.POST,
              ResponsesHandler::handle);
      case "/openai/responses" -> {
        if (request.getParam("api-version") == null) {
          call(request, body, Dialect.OPENAI, null)
              .fail(
                  SimError.invalid(
                      "Missing required query parameter 'api-version'.", "api-version"));
        } else {
          route(
              request,
              body,
              Dialect.OPENAI,
              null,
              method,
              HttpMethod.POST,
              ResponsesHandler::handle);
        }
      }
      case "/v1/embeddings" ->
          route(
              request,
              body,
              Dialect.OPENAI,
              null,
              method,
              HttpMethod.POST,
              EmbeddingsHandler::handle);
      case "/v1/messages" ->
          route(
              request,
              body,
              Dialect.ANTHROPIC,
              null,
              method,
              HttpMethod.POST,
              AnthropicHandler::handle);
      case "/v1/models" ->
          route(
              request,
              body,
              dialectOf(request),
              null,
              method,
              HttpMethod.GET,
              ModelsHandler::handle);
      case "/health" ->
          route(
              request,
              body,
              Dialect.OPENAI,
              null,
              method,
              HttpMethod.GET,
              call -> call.sendJson(200, Buffer.buffer("{\"status\":\"ok\"}")));
      default -> {
        if (path.startsWith(AZURE_PREFIX)) {
          azure(request, body, path.substring(AZURE_PREFIX.length()));
        } else if (path.startsWith(GEMINI_PREFIX) && path.indexOf(':') > 0) {
          String model = path.substring(GEMINI_PREFIX.length(), path.lastIndexOf(':'));
          String operation = path.substring(path.lastIndexOf(':') + 1);
          boolean stream = operation.equals("streamGenerateContent");
          if (operation.equals("batchEmbedContents")) {
            route(
                request,
                body,
                Dialect.GEMINI,
                null,
                request.method(),
                HttpMethod.POST,
                GeminiHandler::embed);
            return;
          }
          if (!stream && !operation.equals("generateContent")) {
            notFound(request, body);
            return;
          }
          route(
              request,
              body,
              Dialect.GEMINI,
              null,
              request.method(),
              HttpMethod.POST,
              call -> GeminiHandler.handle(call, decode(model), stream));
        } else if (path.startsWith(BEDROCK_PREFIX)
            && (path.endsWith("/converse") || path.endsWith("/converse-stream"))) {
          boolean stream = path.endsWith("/converse-stream");
          String model = path.substring(BEDROCK_PREFIX.length(), path.lastIndexOf('/'));
          route(
              request,
              body,
              Dialect.BEDROCK,
              null,
              request.method(),
              HttpMethod.POST,
              call -> BedrockHandler.handle(call, decode(model), stream));
        } else {
          notFound(request, body);
        }
      }
    }
  }

  private void azure(HttpServerRequest request, ObjectNode body, String rest) {
    int slash = rest.indexOf('/');
    String deployment = slash > 0 ? rest.substring(0, slash) : "";
    String operation = slash > 0 ? rest.substring(slash + 1) : "";
    Consumer<Call> handler =
        switch (operation) {
          case "chat/completions" -> OpenAiChatHandler::handle;
          case "embeddings" -> EmbeddingsHandler::handle;
          default -> null;
        };
    if (handler == null || deployment.isEmpty()) {
      notFound(request, body);
      return;
    }
    String apiVersion = request.getParam("api-version");
    if (apiVersion == null || apiVersion.isEmpty()) {
      call(request, body, Dialect.OPENAI, deployment)
          .fail(SimError.invalid("Missing required query parameter 'api-version'.", "api-version"));
      return;
    }
    route(request, body, Dialect.OPENAI, deployment, request.method(), HttpMethod.POST, handler);
  }

  private void route(
      HttpServerRequest request,
      ObjectNode body,
      Dialect dialect,
      String deployment,
      HttpMethod method,
      HttpMethod allowed,
      Consumer<Call> handler) {
    Call call = call(request, body, dialect, deployment);
    if (!method.equals(allowed)) {
      request.response().putHeader("allow", allowed.name());
      call.fail(
          new SimError(
              405, "Method " + method + " is not allowed on " + request.path() + ".", null, -1));
      return;
    }
    handler.accept(call);
  }

  private void notFound(HttpServerRequest request, ObjectNode body) {
    call(request, body, dialectOf(request), null)
        .fail(new SimError(404, "Unknown path: " + request.path(), null, -1));
  }

  private Call call(
      HttpServerRequest request, ObjectNode body, Dialect dialect, String deployment) {
    return new Call(vertx, request, body, state.get(), dialect, deployment);
  }

  /** Anthropic when the client speaks it (an {@code anthropic-version} header), else OpenAI. */
  private static Dialect dialectOf(HttpServerRequest request) {
    return request.getHeader("anthropic-version") != null ? Dialect.ANTHROPIC : Dialect.OPENAI;
  }

  private static Map<String, String> headers(HttpServerRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            entry ->
                out.merge(
                    entry.getKey().toLowerCase(Locale.ROOT),
                    entry.getValue(),
                    (a, b) -> a + ", " + b));
    return out;
  }
}
