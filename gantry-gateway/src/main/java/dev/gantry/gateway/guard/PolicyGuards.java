package dev.gantry.gateway.guard;

import dev.gantry.core.config.GuardCheck;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.checks.GroundingGuardrail;
import dev.gantry.guardrails.external.ExternalGuardrail;
import dev.gantry.guardrails.grounding.GroundingChecker;
import dev.gantry.guardrails.rules.RulesGuardrail;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds the checks that judge against something besides the text: grounding (the bundled model
 * reads no embeddings, so no embedder is loaded for it), business rules (compiled here; their
 * errors were reported when the configuration was validated) and external guardrail servers (one
 * HTTP client per configuration). One per configuration load; not thread-safe.
 */
final class PolicyGuards {
  private HttpClient http;
  private GroundingChecker grounding;

  /** The guard for {@code c}, or null when it is not one of these checks. */
  InputGuardrail input(GuardCheck c) {
    if (c instanceof GuardCheck.Rules r) {
      return RulesGuardrail.of(r);
    }
    if (c instanceof GuardCheck.External e) {
      return new ExternalGuardrail(e, http());
    }
    return null;
  }

  /** The guard for {@code c}, or null when it is not one of these checks. */
  OutputGuardrail output(GuardCheck c) {
    if (c instanceof GuardCheck.Grounding g) {
      if (grounding == null) {
        grounding = GroundingChecker.defaults(null);
      }
      return new GroundingGuardrail(
          grounding, g.settings().action(), g.settings().threshold(), g.citations());
    }
    if (c instanceof GuardCheck.Rules r) {
      return RulesGuardrail.of(r);
    }
    if (c instanceof GuardCheck.External e) {
      return new ExternalGuardrail(e, http());
    }
    return null;
  }

  private HttpClient http() {
    if (http == null) {
      http = ExternalGuardrail.client(Duration.ofSeconds(2));
    }
    return http;
  }
}
