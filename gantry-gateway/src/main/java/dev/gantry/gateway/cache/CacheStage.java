package dev.gantry.gateway.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.RouteCache;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.events.CacheLookedUp;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.pipeline.CacheOutcome;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.ml.Embedder;
import dev.gantry.rag.KnowledgeBase;
import dev.gantry.store.cache.StoredAnswer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The {@code cache} stage. Walking forward (CacheLookup, after the input guardrails) it answers
 * from the cache: an exact hit, else a semantic hit; otherwise it remembers the request's keys.
 * Walking back (CacheStore, after the output guardrails) it stores the checked answer; a streamed
 * answer is recorded chunk by chunk and stored when the stream completes. Not cached at all:
 * requests the client asked to bypass, non-deterministic requests on routes that cache only
 * deterministic ones, requests whose personal data the input guardrails replaced (their answer may
 * depend on the values), degraded and failed answers. Shared and thread-safe.
 */
public final class CacheStage implements Stage {
  private final ResponseCache cache;
  private final Executor workers;
  private final Function<String, Embedder> encoders;
  private final EventBus events;
  private final Map<String, String> versions;
  private final Map<String, KnowledgeBase> bases;
  private final Map<Exchange, Pending> pending = new ConcurrentHashMap<>();

  /** What a miss leaves for the store phase. */
  record Pending(RouteCache config, String scope, String route, CacheKeys keys, float[] vector) {}

  public CacheStage(
      ResponseCache cache,
      Executor workers,
      Function<String, Embedder> encoders,
      EventBus events,
      Map<String, RouteConfig> routes,
      Map<String, KnowledgeBase> bases) {
    this.cache = cache;
    this.workers = workers;
    this.encoders = encoders;
    this.events = events;
    this.versions = new ConcurrentHashMap<>();
    int max = 1;
    for (RouteConfig r : routes.values()) {
      versions.put(r.name(), CacheKeys.digest("route", r.toString()));
      if (r.cache() != null) {
        max = Math.max(max, r.cache().maxEntries());
      }
    }
    cache.maxEntries(max);
    this.bases = Map.copyOf(bases);
  }

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteConfig route = exchange.route();
    RouteCache config = route == null ? null : route.cache();
    if (config == null) {
      return Verdict.PASS_NOW;
    }
    if (exchange.cacheBypass()
        || !exchange.placeholders().isEmpty()
        || (!config.allRequests() && !CacheKeys.deterministic(exchange.request()))) {
      exchange.cache(CacheOutcome.BYPASSED);
      events.publish(new CacheLookedUp(exchange.requestId(), route.name(), "bypass", null, 0));
      return Verdict.PASS_NOW;
    }
    String scope = config.shared() ? StoredAnswer.SHARED : exchange.principal().tenant();
    CacheKeys keys = CacheKeys.of(exchange.request(), config, version(route));
    if (config.exact()) {
      StoredAnswer hit =
          cache.index().exact(scope, route.name(), keys.exact(), cache.clock().instant());
      if (hit != null) {
        return Verdict.now(serve(exchange, hit, CacheOutcome.Status.HIT, Double.NaN, null));
      }
    }
    if (!config.semantic() || keys.question() == null || keys.question().isBlank()) {
      return Verdict.now(miss(exchange, new Pending(config, scope, route.name(), keys, null)));
    }
    CompletableFuture<float[]> vector;
    try {
      vector =
          CompletableFuture.supplyAsync(
              () -> encoders.apply(config.encoder()).embed(keys.question()), workers);
    } catch (RejectedExecutionException e) {
      return Verdict.now(miss(exchange, new Pending(config, scope, route.name(), keys, null)));
    }
    return vector.handle(
        (v, error) -> {
          if (error != null) {
            return miss(exchange, new Pending(config, scope, route.name(), keys, null));
          }
          SemanticDecision<StoredAnswer> d =
              SemanticMatcher.decide(
                  keys.question(),
                  cache
                      .index()
                      .similar(scope, route.name(), keys.fingerprint(), v, cache.clock().instant()),
                  config.threshold(),
                  config.guard(),
                  config.margin());
          String rejected = d.rejection() == null ? null : d.rejection().kind().label();
          Optional<Candidate<StoredAnswer>> winner = d.winner();
          if (winner.isPresent()) {
            return serve(
                exchange,
                winner.get().value(),
                CacheOutcome.Status.SEMANTIC_HIT,
                d.similarity(),
                rejected);
          }
          Pending p = new Pending(config, scope, route.name(), keys, v);
          exchange.cache(new CacheOutcome(CacheOutcome.Status.MISS, d.similarity()));
          return remember(exchange, p, rejected);
        });
  }

  private Verdict miss(Exchange exchange, Pending p) {
    exchange.cache(new CacheOutcome(CacheOutcome.Status.MISS, Double.NaN));
    return remember(exchange, p, null);
  }

  private Verdict remember(Exchange exchange, Pending p, String rejected) {
    events.publish(new CacheLookedUp(exchange.requestId(), p.route(), "miss", rejected, 0));
    pending.put(exchange, p);
    exchange.onFinish(() -> pending.remove(exchange));
    if (exchange.sink() != null) {
      exchange.sink(new RecordingSink(exchange.sink(), answer -> store(exchange, p, answer)));
    }
    return Verdict.PASS;
  }

  private Verdict serve(
      Exchange exchange,
      StoredAnswer hit,
      CacheOutcome.Status status,
      double similarity,
      String rejected) {
    ObjectNode completion;
    try {
      completion = (ObjectNode) Json.MAPPER.readTree(hit.answer());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    completion.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
    completion.put("created", cache.clock().instant().getEpochSecond());
    exchange.cache(new CacheOutcome(status, similarity));
    events.publish(
        new CacheLookedUp(
            exchange.requestId(), hit.route(), status.header(), rejected, hit.costMicros()));
    return new Verdict.Respond(completion, "cache " + status.header());
  }

  @Override
  public CompletionStage<Verdict> onResponse(Exchange exchange) {
    Pending p = pending.remove(exchange);
    if (p != null && exchange.response() != null) {
      store(exchange, p, exchange.response());
    }
    return Verdict.PASS_NOW;
  }

  private void store(Exchange exchange, Pending p, ObjectNode answer) {
    if (exchange.degraded()
        || !answer.path("choices").isArray()
        || answer.get("choices").isEmpty()) {
      return;
    }
    java.time.Instant now = cache.clock().instant();
    long cost = exchange.cost().total().known() ? exchange.cost().total().micros() : 0;
    StoredAnswer entry =
        new StoredAnswer(
            0,
            p.scope(),
            p.route(),
            version(exchange.route()),
            p.config().exact() ? p.keys().exact() : null,
            p.keys().fingerprint(),
            p.keys().question() == null ? "" : p.keys().question(),
            p.config().semantic() ? p.vector() : null,
            Json.toString(answer),
            cost,
            now,
            now.plus(p.config().ttl()));
    cache.put(entry);
  }

  /** The route's configuration digest, with its knowledge base's generation for RAG routes. */
  private String version(RouteConfig route) {
    String v = versions.get(route.name());
    if (route.rag() != null) {
      KnowledgeBase kb = bases.get(route.rag().kb());
      return v + "/" + (kb == null ? 0 : kb.generation());
    }
    return v;
  }

  @Override
  public String toString() {
    return name();
  }
}
