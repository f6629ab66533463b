package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.rag.Queries;
import dev.gantry.gateway.security.KnowledgeAccess;
import dev.gantry.rag.KnowledgeBase;
import dev.gantry.rag.RetrievedChunk;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/retrieve}: the ranked chunks a route (or a knowledge base) would put into the
 * context for a query, for debugging retrieval. Body: {@code {"model": route} or {"kb": name},
 * "query": text, "top_k": 1..50, "min_score": -1..1}}. The key must be allowed to read the base
 * ({@link KnowledgeAccess}); a query needs a letter or digit. Searches on the worker pool.
 * Stateless.
 */
final class RetrieveHandler {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RetrieveHandler.class);

  private RetrieveHandler() {}

  static void handle(
      ActiveConfig active, HttpServerResponse response, ObjectNode body, Principal who) {
    JsonNode query = body.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      Responses.error(
          response,
          ApiError.invalid("'query' is required and must be a non-empty string.", "query"));
      return;
    }
    if (!Queries.searchable(query.asText())) {
      Responses.error(
          response,
          ApiError.invalid(
              "'query' has no letters or digits to search for.", "query", "empty_query"));
      return;
    }
    if (query.asText().length() > Queries.MAX_CHARS) {
      Responses.error(
          response,
          ApiError.invalid(
              "'query' must be at most " + Queries.MAX_CHARS + " characters.",
              "query",
              "query_too_long"));
      return;
    }
    String kbName = null;
    int topK = 5;
    double minScore = -1;
    if (body.path("model").isTextual()) {
      RouteConfig route = active.config().routes().get(body.get("model").asText());
      if (route == null) {
        Responses.error(response, ApiError.modelNotFound(body.get("model").asText()));
        return;
      }
      if (route.rag() == null) {
        Responses.error(
            response,
            ApiError.invalid(
                "The model '" + route.name() + "' has no knowledge base (no rag).", "model"));
        return;
      }
      ApiError denied = KnowledgeAccess.checkRoute(who, route, active.config());
      if (denied != null) {
        Responses.error(response, denied);
        return;
      }
      kbName = route.rag().kb();
      topK = route.rag().topK();
      minScore = route.rag().minScore();
    } else if (body.path("kb").isTextual()) {
      kbName = body.get("kb").asText();
      if (!KnowledgeAccess.mayRead(who, kbName, active.config())) {
        Responses.error(response, kbNotFound(kbName));
        return;
      }
    } else {
      Responses.error(
          response, ApiError.invalid("Give 'model' (a route with rag) or 'kb' (a name).", "model"));
      return;
    }
    if (body.has("top_k")) {
      JsonNode k = body.get("top_k");
      if (!k.canConvertToInt() || !k.isIntegralNumber() || k.asInt() < 1 || k.asInt() > 50) {
        Responses.error(response, ApiError.invalid("'top_k' must be an integer 1..50.", "top_k"));
        return;
      }
      topK = k.asInt();
    }
    if (body.has("min_score")) {
      JsonNode s = body.get("min_score");
      if (!s.isNumber() || s.asDouble() < -1 || s.asDouble() > 1) {
        Responses.error(
            response, ApiError.invalid("'min_score' must be a number -1..1.", "min_score"));
        return;
      }
      minScore = s.asDouble();
    }
    KnowledgeBase kb = active.knowledgeBases().get(kbName);
    if (kb == null) {
      Responses.error(response, kbNotFound(kbName));
      return;
    }
    int k = topK;
    double min = minScore;
    String name = kbName;
    CompletableFuture.supplyAsync(
            () -> kb.retrieve(query.asText(), k, min), active.services().workers())
        .whenCompleteAsync(
            (chunks, error) -> {
              if (error != null) {
                LOG.error("retrieval from knowledge base {} failed", name, error);
                Responses.error(response, ApiError.internal("Retrieval failed."));
              } else {
                Responses.json(response, 200, list(name, chunks));
              }
            },
            OnContext.current());
  }

  /** Unknown bases and bases the key may not read get the same answer. */
  private static ApiError kbNotFound(String name) {
    return new ApiError(
        404,
        "The knowledge base '"
            + RequestGuard.printable(name)
            + "' does not exist or this key may not read it.",
        ApiError.INVALID_REQUEST,
        "kb",
        "kb_not_found");
  }

  private static ObjectNode list(String kb, List<RetrievedChunk> chunks) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "list");
    out.put("kb", kb);
    ArrayNode data = out.putArray("data");
    int rank = 1;
    for (RetrievedChunk c : chunks) {
      ObjectNode o = data.addObject();
      o.put("rank", rank++);
      o.put("id", c.id());
      o.put("document", c.document());
      o.put("title", c.title());
      o.put("score", c.score());
      o.put("similarity", c.similarity());
      o.put("bm25_rank", c.bm25Rank());
      o.put("vector_rank", c.vectorRank());
      o.put("snippet", c.snippet());
      o.put("text", c.text());
    }
    return out;
  }
}
