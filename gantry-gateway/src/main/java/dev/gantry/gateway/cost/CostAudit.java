package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.cost.CallCost;
import dev.gantry.core.cost.Cost;
import dev.gantry.core.cost.CostSheet;
import dev.gantry.core.cost.Escalation;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.pipeline.Exchange;
import java.util.Locale;

/**
 * The cost entry of a request's audit record: its total and status, each call (provider, model,
 * tier, cost, discarded), the tier decision and reason, escalations, tokens saved and tags.
 * Stateless.
 */
public final class CostAudit {
  private CostAudit() {}

  /** The entry, or null when cost controls had nothing to record. */
  public static ObjectNode json(Exchange exchange) {
    CostSheet sheet = exchange.cost();
    if (sheet.calls().isEmpty()
        && sheet.tier() == null
        && sheet.tokensBefore() < 0
        && sheet.tags().isEmpty()) {
      return null;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("stage", "cost");
    Cost total = sheet.total();
    o.put("cost_usd", total.known() ? Usd.format(total.micros()) : null);
    o.put("cost_status", total.status().name().toLowerCase(Locale.ROOT));
    ArrayNode calls = o.putArray("calls");
    for (CallCost c : sheet.calls()) {
      ObjectNode call = calls.addObject();
      call.put("provider", c.provider());
      call.put("model", c.model());
      call.put("tier", c.tier());
      call.put("cost_usd", c.cost().known() ? Usd.format(c.cost().micros()) : null);
      call.put("status", c.cost().status().name().toLowerCase(Locale.ROOT));
      call.put("priced_as", c.cost().pricedAs());
      call.put("discarded", c.discarded());
    }
    if (sheet.tier() != null) {
      o.put("tier", sheet.tier().tier());
      o.put("tier_reason", sheet.tier().reason());
    }
    if (!sheet.escalations().isEmpty()) {
      ArrayNode esc = o.putArray("escalations");
      for (Escalation e : sheet.escalations()) {
        esc.addObject().put("from", e.from()).put("to", e.to()).put("reason", e.reason().label());
      }
    }
    if (sheet.tokensBefore() >= 0) {
      o.put("tokens_saved", sheet.tokensSaved());
    }
    if (!sheet.tags().isEmpty()) {
      ArrayNode tags = o.putArray("tags");
      sheet.tags().forEach(tags::add);
    }
    return o;
  }
}
