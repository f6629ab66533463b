package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.guardrails.CheckContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CheckContext} of a request: route, tenant, customer, the tags and values of its {@code
 * metadata}, its last user message and the texts of its retrieved sources. Read on the request's
 * event-loop thread; the result is immutable. Stateless.
 */
final class Contexts {
  private Contexts() {}

  static CheckContext of(Exchange exchange, String phase, String role) {
    Map<String, String> metadata = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    JsonNode m = exchange.original().json().path("metadata");
    Iterator<Map.Entry<String, JsonNode>> it = m.isObject() ? m.fields() : null;
    while (it != null && it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isValueNode()) {
        metadata.put(e.getKey(), e.getValue().asText());
        tags.add(e.getKey() + ":" + e.getValue().asText());
      }
    }
    List<String> sources = new ArrayList<>();
    for (RetrievedSource s : exchange.sources()) {
      sources.add(s.text());
    }
    ChatMessage question = exchange.original().lastUserMessage();
    return new CheckContext(
        phase,
        role,
        exchange.route() == null ? "" : exchange.route().name(),
        exchange.principal().tenant(),
        exchange.customer(),
        tags,
        metadata,
        question == null ? "" : question.text(),
        sources);
  }
}
