package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.cost.Usd;
import dev.gantry.store.ledger.Dimension;
import dev.gantry.store.ledger.SpendLedger;
import dev.gantry.store.ledger.UsageQuery;
import dev.gantry.store.ledger.UsageRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Usage reports from the spend ledger: requests, tokens by class, cost, estimated/unknown costs,
 * escalations and cache hits, summed per combination of any dimensions ({@code tenant, key,
 * customer, route, provider, model, tier, tag, day, month}), as JSON or CSV. Used by {@code GET
 * /admin/usage} and {@code gantry usage report}. Blocking (JDBC): call it on a worker. Thread-safe.
 */
public final class UsageReports {
  static final String CSV_HEADER =
      "requests,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens,"
          + "cost_usd,estimated,unknown,escalations,cache_hits,tokens_saved";

  private final SpendLedger ledger;
  private final Clock clock;
  private final ZoneId zone;

  public UsageReports(SpendLedger ledger, Clock clock, ZoneId zone) {
    this.ledger = ledger;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Parses a report request.
   *
   * @param tenant the tenant to report on, or null for every tenant
   * @param by comma-separated dimensions, or null for none (one total row)
   * @param from first day, {@code YYYY-MM-DD}, or null for the first day of this month
   * @param to day after the last, or null for tomorrow
   * @throws ApiException (400) naming the bad parameter
   */
  public UsageQuery query(String tenant, String customer, String by, String from, String to) {
    List<Dimension> dims = new ArrayList<>();
    if (by != null && !by.isBlank()) {
      for (String d : by.split(",")) {
        Dimension dim = Dimension.parse(d);
        if (dim == null) {
          throw bad(
              "group_by",
              "'"
                  + d.strip()
                  + "' is not a dimension; use tenant, key, customer, route,"
                  + " provider, model, tier, tag, day or month");
        }
        if (dims.contains(dim)) {
          throw bad("group_by", "'" + d.strip() + "' is named twice");
        }
        dims.add(dim);
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate a = from == null ? today.withDayOfMonth(1) : day(from, "from");
    LocalDate b = to == null ? today.plusDays(1) : day(to, "to");
    if (!b.isAfter(a)) {
      throw bad("to", "'to' must be after 'from'");
    }
    return new UsageQuery(dims, tenant, customer, a, b);
  }

  public List<UsageRow> rows(UsageQuery q) {
    return ledger.usage(q);
  }

  /** The report as JSON: the query, one object per group, and the total. */
  public ObjectNode json(UsageQuery q) {
    List<UsageRow> rows = rows(q);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "usage");
    out.put("tenant", q.tenant());
    if (q.customer() != null) {
      out.put("customer", q.customer());
    }
    out.put("from", q.fromDay().toString());
    out.put("to", q.toDay().toString());
    ArrayNode by = out.putArray("group_by");
    q.groupBy().forEach(d -> by.add(d.label()));
    ArrayNode data = out.putArray("data");
    UsageRow total = new UsageRow(java.util.Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (UsageRow r : rows) {
      ObjectNode o = data.addObject();
      for (Dimension d : q.groupBy()) {
        o.put(d.label(), r.group().get(d));
      }
      sums(o, r);
      if (!q.groupBy().contains(Dimension.TAG)) {
        total = total.plus(r);
      }
    }
    if (!q.groupBy().contains(Dimension.TAG)) {
      sums(out.putObject("total"), total);
    }
    return out;
  }

  /** The report as CSV (RFC 4180): the dimensions, then the sums; cost in dollars. */
  public String csv(UsageQuery q) {
    StringBuilder b = new StringBuilder();
    for (Dimension d : q.groupBy()) {
      b.append(d.label()).append(',');
    }
    b.append(CSV_HEADER).append("\r\n");
    for (UsageRow r : rows(q)) {
      for (Dimension d : q.groupBy()) {
        b.append(csvField(r.group().get(d))).append(',');
      }
      b.append(r.requests())
          .append(',')
          .append(r.promptTokens())
          .append(',')
          .append(r.cachedTokens())
          .append(',')
          .append(r.cacheWriteTokens())
          .append(',')
          .append(r.completionTokens())
          .append(',')
          .append(r.reasoningTokens())
          .append(',')
          .append(Usd.format(r.costMicros()))
          .append(',')
          .append(r.estimated())
          .append(',')
          .append(r.unknown())
          .append(',')
          .append(r.escalations())
          .append(',')
          .append(r.cacheHits())
          .append(',')
          .append(r.tokensSaved())
          .append("\r\n");
    }
    return b.toString();
  }

  private static void sums(ObjectNode o, UsageRow r) {
    o.put("requests", r.requests());
    o.put("prompt_tokens", r.promptTokens());
    o.put("cached_tokens", r.cachedTokens());
    o.put("cache_write_tokens", r.cacheWriteTokens());
    o.put("completion_tokens", r.completionTokens());
    o.put("reasoning_tokens", r.reasoningTokens());
    o.put("cost_usd", Usd.format(r.costMicros()));
    o.put("estimated", r.estimated());
    o.put("unknown", r.unknown());
    o.put("escalations", r.escalations());
    o.put("cache_hits", r.cacheHits());
    o.put("tokens_saved", r.tokensSaved());
  }

  /** A CSV field, quoted when it holds a comma, quote or line break; a formula lead is defused. */
  static String csvField(String v) {
    if (v == null) {
      return "";
    }
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s; // keep spreadsheets from running it
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private static LocalDate day(String v, String param) {
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw bad(param, "'" + v + "' is not a date (YYYY-MM-DD)");
    }
  }

  static ApiException bad(String param, String message) {
    return new ApiException(
        ApiError.invalid(
            "Invalid '" + param + "': " + message + ".",
            param.toLowerCase(Locale.ROOT),
            "invalid_value"));
  }
}
