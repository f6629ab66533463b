package dev.gantry.guardrails.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.CheckContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * NeMo Guardrails' server: {@code POST /v1/chat/completions} with {@code config_id}, the messages,
 * and generation options that run only the input rails (for an input) or only the output rails (for
 * an answer, sent after the question as the assistant message) and return the activated rails. A
 * rail that stopped the conversation blocks; a reply that differs from the text without a stop is a
 * rewrite (a rail masked something); otherwise the text is allowed.
 */
final class NemoProtocol implements Protocol {
  @Override
  public URI endpoint(URI base, String target) {
    return URI.create(base + "/v1/chat/completions");
  }

  @Override
  public ObjectNode request(String text, String target, CheckContext context) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("config_id", target);
    ArrayNode messages = body.putArray("messages");
    boolean output = context.phase().equals("output");
    if (output && !context.question().isEmpty()) {
      messages.addObject().put("role", "user").put("content", context.question());
    }
    messages.addObject().put("role", output ? "assistant" : "user").put("content", text);
    ObjectNode options = body.putObject("options");
    options.putArray("rails").add(output ? "output" : "input");
    options.putObject("log").put("activated_rails", true);
    return body;
  }

  @Override
  public ExternalVerdict verdict(String text, JsonNode answer, CheckContext context) {
    JsonNode response = answer.path("response");
    String content;
    if (response.isArray() && response.size() > 0) {
      content = response.get(response.size() - 1).path("content").asText(null);
    } else {
      content = answer.path("messages").path(0).path("content").asText(null);
    }
    if (content == null) {
      throw new IllegalStateException("NeMo Guardrails answered without a response message");
    }
    List<String> stopped = new ArrayList<>();
    for (JsonNode rail : answer.path("log").path("activated_rails")) {
      if (rail.path("stop").asBoolean(false)) {
        stopped.add(
            rail.path("type").asText("rail") + " rail '" + rail.path("name").asText() + "'");
      }
    }
    if (!stopped.isEmpty()) {
      return new ExternalVerdict(
          ExternalVerdict.Decision.BLOCK, "stopped by " + String.join(", ", stopped), null);
    }
    if (!content.equals(text)) {
      return new ExternalVerdict(ExternalVerdict.Decision.REWRITE, "altered by the rails", content);
    }
    return new ExternalVerdict(ExternalVerdict.Decision.ALLOW, "", null);
  }
}
