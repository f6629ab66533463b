package dev.gantry.guardrails.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.CheckContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Guardrails AI's server: {@code POST /guards/{name}/validate} with the text as {@code llmOutput}
 * and no re-asks. {@code validationPassed: false} blocks, with the failing validators' reasons from
 * {@code validationSummaries} when the server sends them; a passed validation whose {@code
 * validatedOutput} differs from the text is a rewrite (a validator fixed it).
 */
final class GuardrailsAiProtocol implements Protocol {
  @Override
  public URI endpoint(URI base, String target) {
    return URI.create(
        base
            + "/guards/"
            + URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20")
            + "/validate");
  }

  @Override
  public ObjectNode request(String text, String target, CheckContext context) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("llmOutput", text);
    body.put("numReasks", 0);
    return body;
  }

  @Override
  public ExternalVerdict verdict(String text, JsonNode answer, CheckContext context) {
    JsonNode passed = answer.get("validationPassed");
    if (passed == null || !passed.isBoolean()) {
      throw new IllegalStateException("Guardrails AI answered without validationPassed");
    }
    if (!passed.asBoolean()) {
      List<String> reasons = new ArrayList<>();
      for (JsonNode s : answer.path("validationSummaries")) {
        if ("fail".equals(s.path("validatorStatus").asText())) {
          String why = s.path("failureReason").asText("");
          reasons.add(
              s.path("validatorName").asText("validator") + (why.isEmpty() ? "" : ": " + why));
        }
      }
      String reason =
          reasons.isEmpty()
              ? answer.path("error").asText("validation failed")
              : String.join("; ", reasons);
      return new ExternalVerdict(ExternalVerdict.Decision.BLOCK, reason, null);
    }
    JsonNode validated = answer.get("validatedOutput");
    if (validated != null && validated.isTextual() && !validated.asText().equals(text)) {
      return new ExternalVerdict(
          ExternalVerdict.Decision.REWRITE, "fixed by a validator", validated.asText());
    }
    return new ExternalVerdict(ExternalVerdict.Decision.ALLOW, "", null);
  }
}
