package dev.gantry.guardrails.grounding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;

/**
 * A grounding report as JSON (the {@code gantry_grounding} member of an answer, and the scanner's
 * per-claim results): the score and, per claim, its text, verdict, risk, best source, citations and
 * what was missing or conflicting. Stateless.
 */
public final class GroundingJson {
  private GroundingJson() {}

  public static ObjectNode of(GroundingReport report) {
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
      c.missing().forEach(n.putArray("missing")::add);
      c.conflicts().forEach(n.putArray("conflicts")::add);
    }
    return o;
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
