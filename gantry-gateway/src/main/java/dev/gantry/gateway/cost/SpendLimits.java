package dev.gantry.gateway.cost;

import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.SpendLimit;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.limits.Counter;
import dev.gantry.store.ledger.Dimension;
import dev.gantry.store.ledger.SpendQuery;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which spend limits apply to a request and the counters they count in: one per limit and subject
 * (the tenant; the key; the customer within the tenant; each tag within the tenant) for the current
 * calendar day or month in {@code cost.time_zone}. Counter keys are {@code spend:<scope>:<tenant>:
 * <subject>:<period>} with each part URL-encoded, so any implementation of the admission interface
 * (and a shared store) can name them, and the ledger query behind a counter can be read back from
 * its key. Stateless and thread-safe.
 */
final class SpendLimits {
  private SpendLimits() {}

  /** A limit that applies to one request, with its subject and the counter of this period. */
  record Applied(SpendLimit limit, String tenant, String subject, Counter counter) {}

  static List<Applied> applicable(CostConfig config, Exchange exchange, Clock clock) {
    List<Applied> out = new ArrayList<>();
    String tenant = exchange.principal().tenant();
    for (SpendLimit limit : config.limits()) {
      if (limit.tenant() != null && !limit.tenant().equals(tenant)) {
        continue;
      }
      List<String> subjects =
          switch (limit.scope()) {
            case TENANT -> List.of(tenant);
            case KEY -> List.of(exchange.principal().keyId());
            case CUSTOMER -> exchange.customer() == null ? List.of() : List.of(exchange.customer());
            case TAG -> exchange.cost().tags();
          };
      for (String subject : subjects) {
        if (limit.match() == null || limit.match().equals(subject)) {
          out.add(
              new Applied(
                  limit,
                  tenant,
                  subject,
                  counter(limit, tenant, subject, config.timeZone(), clock)));
        }
      }
    }
    return out;
  }

  static Counter counter(
      SpendLimit limit, String tenant, String subject, ZoneId zone, Clock clock) {
    ZonedDateTime now = clock.instant().atZone(zone);
    LocalDate first =
        limit.period() == SpendLimit.Period.DAY
            ? now.toLocalDate()
            : now.toLocalDate().withDayOfMonth(1);
    LocalDate next =
        limit.period() == SpendLimit.Period.DAY ? first.plusDays(1) : first.plusMonths(1);
    String key =
        String.join(
            ":",
            "spend",
            limit.scope().configName(),
            enc(limit.scope() == SpendLimit.Scope.KEY ? "" : tenant),
            enc(subject),
            limit.period().configName());
    return new Counter(
        key, first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
  }

  /** The ledger query that sums what a counter's window has spent so far. */
  static SpendQuery query(Counter counter) {
    String[] parts = counter.key().split(":", -1);
    if (parts.length != 5 || !parts[0].equals("spend")) {
      throw new IllegalArgumentException("not a spend counter: " + counter.key());
    }
    Dimension scope = Dimension.parse(parts[1]);
    String tenant = dec(parts[2]);
    return new SpendQuery(
        scope,
        tenant.isEmpty() ? null : tenant,
        dec(parts[3]),
        counter.windowStart(),
        counter.windowEnd());
  }

  /** Whole seconds from {@code now} until {@code end}, at least 1. */
  static long secondsUntil(Instant now, Instant end) {
    long ms = end.toEpochMilli() - now.toEpochMilli();
    return Math.max(1, (ms + 999) / 1000);
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static String dec(String v) {
    return URLDecoder.decode(v, StandardCharsets.UTF_8);
  }
}
