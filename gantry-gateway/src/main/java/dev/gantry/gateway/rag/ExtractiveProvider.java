package dev.gantry.gateway.rag;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.rag.RetrievedChunk;
import dev.gantry.rag.answer.Answer;
import dev.gantry.rag.answer.ExtractiveAnswerer;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider without a model: answers with the best-supported sentences of the sources the retrieve
 * stage found, citing them by number, or says it does not know. Serves demo routes and last-resort
 * fallbacks. When the request asks for {@code json_object} or {@code json_schema} it answers with
 * the object {@code {"answer": text, "sources": [document ids], "abstained": boolean}} (a schema
 * asking for anything else is left to the output format check). Shared and thread-safe; {@link
 * #answer} is CPU-bound (run it on a worker).
 */
public final class ExtractiveProvider {
  private final ExtractiveAnswerer answerer;
  private final TokenCounter tokens;

  public ExtractiveProvider(ExtractiveAnswerer answerer, TokenCounter tokens) {
    this.answerer = answerer;
    this.tokens = tokens;
  }

  /** A complete {@code chat.completion} for the exchange's question and sources. */
  public ObjectNode answer(Exchange exchange, String model) {
    ChatMessage question = exchange.request().lastUserMessage();
    List<RetrievedChunk> chunks = new ArrayList<>();
    int promptTokens = 0;
    for (RetrievedSource s : exchange.sources()) {
      chunks.add(Sources.chunk(s));
      promptTokens += tokens.count(s.text());
    }
    String q = question == null ? "" : question.text();
    Answer a =
        q.isBlank()
            ? new Answer(ExtractiveAnswerer.I_DONT_KNOW, List.of(), true, 0)
            : answerer.answer(q, chunks);
    promptTokens += tokens.count(q);
    String content = a.text();
    String format = exchange.request().json().path("response_format").path("type").asText("");
    if (format.equals("json_object") || format.equals("json_schema")) {
      ObjectNode structured = Json.MAPPER.createObjectNode();
      structured.put("answer", a.text());
      var docs = structured.putArray("sources");
      java.util.Set<String> seen = new java.util.LinkedHashSet<>();
      for (var c : a.citations()) {
        if (seen.add(c.document())) {
          docs.add(c.document());
        }
      }
      structured.put("abstained", a.abstained());
      content = Json.toString(structured);
    }
    int completionTokens = tokens.count(content);
    return dev.gantry.gateway.http.Completions.of(
        exchange.requestId(),
        exchange.receivedAt().getEpochSecond(),
        model,
        content,
        "stop",
        promptTokens,
        completionTokens);
  }
}
