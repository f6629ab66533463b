package dev.gantry.gateway.cost;

import dev.gantry.core.cost.Cost;
import dev.gantry.core.cost.CostSheet;
import dev.gantry.core.cost.Escalation;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.pipeline.Exchange;
import java.util.function.BiConsumer;

/**
 * The response headers of cost controls: {@code x-gantry-cost-usd} (decimal dollars, six places;
 * once an upstream was called; absent when the price is unknown, with {@code x-gantry-cost-unknown:
 * true}), {@code x-gantry-cost-estimated: true} when Gantry counted the tokens itself, {@code
 * x-gantry-tier} and {@code x-gantry-tier-reason}, {@code x-gantry-escalated:
 * <from>-><to>:<reason>,…}, {@code x-gantry-tokens-saved}, and {@code retry-after} on a spend-limit
 * refusal. A stream's headers leave before its answer, so they carry no cost: its final usage chunk
 * does. Stateless.
 */
public final class CostHeaders {
  private CostHeaders() {}

  /** Writes the headers through {@code put(name, value)}. */
  public static void write(Exchange exchange, BiConsumer<String, String> put) {
    CostSheet sheet = exchange.cost();
    if (!sheet.calls().isEmpty()) {
      Cost cost = sheet.total();
      if (cost.known()) {
        put.accept("x-gantry-cost-usd", Usd.format(cost.micros()));
        if (cost.status() == Cost.Status.ESTIMATED) {
          put.accept("x-gantry-cost-estimated", "true");
        }
      } else {
        put.accept("x-gantry-cost-unknown", "true");
      }
    }
    if (sheet.tier() != null) {
      put.accept("x-gantry-tier", sheet.finalTier());
      put.accept("x-gantry-tier-reason", sheet.tier().reason());
    }
    if (!sheet.escalations().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (Escalation e : sheet.escalations()) {
        b.append(b.length() == 0 ? "" : ",")
            .append(e.from())
            .append("->")
            .append(e.to())
            .append(':')
            .append(e.reason().label());
      }
      put.accept("x-gantry-escalated", b.toString());
    }
    if (sheet.tokensBefore() >= 0) {
      put.accept("x-gantry-tokens-saved", Long.toString(sheet.tokensSaved()));
    }
    if (sheet.retryAfterSeconds() > 0) {
      put.accept("retry-after", Long.toString(sheet.retryAfterSeconds()));
    }
  }
}
