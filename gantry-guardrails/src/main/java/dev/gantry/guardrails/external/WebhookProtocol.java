package dev.gantry.guardrails.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.CheckContext;
import java.net.URI;
import java.util.Locale;

/**
 * Gantry's webhook: {@code POST} to the configured URL with {@code {"text", "role", "phase",
 * "route"}}; the answer is {@code {"decision": "allow" | "block" | "rewrite", "reason", "text"}}
 * ({@code text} for a rewrite).
 */
final class WebhookProtocol implements Protocol {
  @Override
  public URI endpoint(URI base, String target) {
    return base;
  }

  @Override
  public ObjectNode request(String text, String target, CheckContext context) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("text", text);
    body.put("role", context.role());
    body.put("phase", context.phase());
    body.put("route", context.route());
    return body;
  }

  @Override
  public ExternalVerdict verdict(String text, JsonNode answer, CheckContext context) {
    String decision = answer.path("decision").asText("").toLowerCase(Locale.ROOT);
    String reason = answer.path("reason").asText("");
    switch (decision) {
      case "allow":
        return new ExternalVerdict(ExternalVerdict.Decision.ALLOW, reason, null);
      case "block":
        return new ExternalVerdict(ExternalVerdict.Decision.BLOCK, reason, null);
      case "rewrite":
        JsonNode t = answer.get("text");
        if (t == null || !t.isTextual()) {
          throw new IllegalStateException("the webhook asked for a rewrite without a text");
        }
        return new ExternalVerdict(ExternalVerdict.Decision.REWRITE, reason, t.asText());
      default:
        throw new IllegalStateException(
            "the webhook's decision must be allow, block or rewrite, got '" + decision + "'");
    }
  }
}
