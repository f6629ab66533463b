package dev.gantry.gateway.rag;

import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.config.RouteRag;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.rag.KnowledgeBase;
import dev.gantry.rag.RetrievedChunk;
import dev.gantry.rag.answer.Context;
import dev.gantry.rag.answer.ContextBuilder;
import dev.gantry.rag.answer.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * For routes with {@code rag}: searches the route's knowledge base for the last user turn (on the
 * worker pool), adds the best sources within the token budget as a numbered context with an
 * instruction to cite them, and records them on the exchange. A question with nothing to search for
 * ({@link Queries#searchable}) gets no sources. On a complete answer it adds them as {@code
 * gantry_sources}. Shared and thread-safe.
 */
public final class RetrieveStage implements Stage {
  private final Map<String, KnowledgeBase> bases;
  private final Executor workers;
  private final ContextBuilder contexts = new ContextBuilder();

  public RetrieveStage(Map<String, KnowledgeBase> bases, Executor workers) {
    this.bases = Map.copyOf(bases);
    this.workers = workers;
  }

  @Override
  public String name() {
    return "retrieve";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteRag rag = exchange.route() == null ? null : exchange.route().rag();
    if (rag == null) {
      return Verdict.PASS_NOW;
    }
    ChatMessage question = exchange.request().lastUserMessage();
    KnowledgeBase kb = bases.get(rag.kb());
    if (question == null || !Queries.searchable(question.text()) || kb == null) {
      return Verdict.PASS_NOW;
    }
    Executor onLoop = dev.gantry.gateway.pipeline.OnContext.current();
    return CompletableFuture.supplyAsync(
            () -> {
              List<RetrievedChunk> chunks =
                  kb.retrieve(question.text(), rag.topK(), rag.minScore());
              return new Retrieved(chunks, contexts.build(chunks, rag.maxContextTokens()));
            },
            workers)
        .thenApplyAsync(r -> apply(exchange, r), onLoop);
  }

  private record Retrieved(List<RetrievedChunk> chunks, Context context) {}

  private Verdict apply(Exchange exchange, Retrieved r) {
    Map<String, RetrievedChunk> byId = new HashMap<>();
    r.chunks().forEach(c -> byId.put(c.id(), c));
    List<RetrievedSource> sources = new ArrayList<>();
    for (Source s : r.context().sources()) {
      sources.add(Sources.of(s, byId.get(s.id())));
    }
    exchange.sources(sources);
    return new Verdict.Rewrite(
        dev.gantry.gateway.guard.Prompts.withSystemMessage(
            exchange.request(), r.context().prompt()),
        "retrieved " + sources.size() + " source(s)");
  }

  @Override
  public CompletionStage<Verdict> onResponse(Exchange exchange) {
    if (!exchange.sources().isEmpty() && exchange.response() != null) {
      exchange.response().set("gantry_sources", Sources.json(exchange.sources()));
    }
    return Verdict.PASS_NOW;
  }

  @Override
  public String toString() {
    return name();
  }
}
