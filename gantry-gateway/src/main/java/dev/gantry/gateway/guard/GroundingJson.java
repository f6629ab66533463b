package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.grounding.ClaimResult;
import dev.gantry.guardrails.grounding.GroundingReport;

/**
 * The {@code gantry_grounding} member of an answer: the score and, per claim, its text, verdict,
 * risk, best source and what was missing or conflicting. Stateless.
 */
final class GroundingJson {
  private GroundingJson() {}

  static ObjectNode of(GroundingReport report) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("score", round(report.score()));
    o.put("grounded", report.grounded());
    ArrayNode claims = o.putArray("claims");
    for (ClaimResult c : report.claims()) {
      ObjectNode n = claims.addObject();
      n.put("text", c.claim().text());
      n.put("support", c.support().label());
      n.put("risk", round(c.risk()));
      n.put("source", c.source());
      c.claim().citations().forEach(n.putArray("citations")::add);
      c.badCitations().forEach(n.putArray("bad_citations")::add);
      strings(n.putArray("missing"), c.missing());
      strings(n.putArray("conflicts"), c.conflicts());
    }
    return o;
  }

  private static void strings(ArrayNode a, java.util.List<?> values) {
    values.forEach(v -> a.add(String.valueOf(v)));
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
