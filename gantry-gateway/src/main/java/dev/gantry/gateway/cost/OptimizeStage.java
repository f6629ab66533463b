package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.config.OptimizeConfig;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.gateway.pipeline.OnContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Token optimisation for routes with {@code optimize}, each step optional and in this order: remove
 * exact duplicate messages and content parts; shorten the retrieved sources to the sentences most
 * related to the question (the sources the model and the extractive provider see both change); drop
 * the oldest turns beyond {@code history.max_turns} messages or {@code history.max_tokens} tokens
 * (system messages and the last user turn stay); cap the output. The request's tokens before and
 * after go on its cost sheet ({@code x-gantry-tokens-saved}, audit, metrics) and the steps taken
 * into the audit record. Shared and thread-safe.
 */
final class OptimizeStage implements Stage {
  private final TokenEstimator tokens;
  private final ContextCompressor compressor;
  private final Executor workers;

  /**
   * @param embedder the sentence embedder context compression scores with (loaded on first use)
   * @param workers where compression runs (it embeds)
   */
  OptimizeStage(
      TokenEstimator tokens,
      TokenCounter counter,
      java.util.function.Supplier<dev.gantry.ml.Embedder> embedder,
      Executor workers) {
    this.tokens = tokens;
    this.compressor = new ContextCompressor(counter, embedder);
    this.workers = workers;
  }

  @Override
  public String name() {
    return "optimize";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    OptimizeConfig config = exchange.route().cost().optimize();
    if (config.isNone()) {
      return Verdict.PASS_NOW;
    }
    ChatMessage question = exchange.request().lastUserMessage();
    if (config.compressRatio() > 0 && !exchange.sources().isEmpty() && question != null) {
      List<RetrievedSource> sources = exchange.sources();
      Executor onLoop = OnContext.current();
      return CompletableFuture.supplyAsync(
              () ->
                  compressor.compress(
                      sources,
                      question.text(),
                      config.compressRatio(),
                      config.compressMinSentences()),
              workers)
          .thenApplyAsync(shorter -> optimize(exchange, config, shorter), onLoop);
    }
    return Verdict.now(optimize(exchange, config, null));
  }

  /** Runs the steps on the event loop, with the shortened sources when compression ran. */
  private Verdict optimize(
      Exchange exchange, OptimizeConfig config, List<RetrievedSource> shorter) {
    ChatRequest request = exchange.request();
    long before = tokens.input(request);
    List<String> steps = new ArrayList<>(4);
    if (config.dedupe()) {
      Dedupe.Result r = Dedupe.apply(request);
      if (r.messages() + r.parts() > 0) {
        steps.add("removed " + r.messages() + " duplicate message(s), " + r.parts() + " part(s)");
        request = r.request();
      }
    }
    if (shorter != null) {
      ChatRequest compressed = compress(exchange, request, shorter);
      if (compressed != request) {
        steps.add("compressed the retrieved context to " + config.compressRatio());
        request = compressed;
      }
    }
    if (config.historyMaxTurns() > 0 || config.historyMaxTokens() > 0) {
      HistoryTrimmer.Result r =
          HistoryTrimmer.trim(request, config.historyMaxTurns(), config.historyMaxTokens(), tokens);
      if (r.dropped() > 0) {
        steps.add("dropped " + r.dropped() + " old message(s)");
        request = r.request();
      }
    }
    if (config.maxOutputTokens() > 0) {
      ChatRequest capped = OutputCap.apply(request, config.maxOutputTokens());
      if (capped != request) {
        steps.add("output capped at " + config.maxOutputTokens());
        request = capped;
      }
    }
    long after = steps.isEmpty() ? before : tokens.input(request);
    exchange.cost().optimized(before, after);
    if (steps.isEmpty()) {
      return Verdict.PASS;
    }
    return new Verdict.Rewrite(
        request,
        "optimized " + before + " -> " + after + " input tokens: " + String.join("; ", steps));
  }

  /**
   * Replaces each retrieved source's text in the messages (where the retrieve stage put it
   * verbatim) by its shortened text, and the exchange's sources with the shortened ones.
   */
  private ChatRequest compress(
      Exchange exchange, ChatRequest request, List<RetrievedSource> shorter) {
    List<RetrievedSource> original = exchange.sources();
    ObjectNode body = request.copyJson();
    boolean changed = false;
    for (JsonNode m : (ArrayNode) body.get("messages")) {
      String role = m.path("role").asText();
      if (!(role.equals("system") || role.equals("developer")) || !m.path("content").isTextual()) {
        continue;
      }
      String text = m.get("content").asText();
      String replaced = text;
      for (int i = 0; i < original.size(); i++) {
        String from = original.get(i).text();
        String to = shorter.get(i).text();
        if (!from.isEmpty() && !from.equals(to)) {
          replaced = replaced.replace(from, to);
        }
      }
      if (!replaced.equals(text)) {
        ((ObjectNode) m).put("content", replaced);
        changed = true;
      }
    }
    if (!changed) {
      return request;
    }
    exchange.sources(shorter);
    return ChatRequestValidator.validate(body);
  }

  @Override
  public String toString() {
    return name();
  }
}
