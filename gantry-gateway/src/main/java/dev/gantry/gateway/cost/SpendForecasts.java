package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.SpendLimit;
import dev.gantry.core.cost.Usd;
import dev.gantry.store.ledger.Dimension;
import dev.gantry.store.ledger.SpendLedger;
import dev.gantry.store.ledger.UsageQuery;
import dev.gantry.store.ledger.UsageRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /admin/usage/forecast}: spend to the end of the month per tenant (or per customer),
 * from up to {@value #HISTORY_DAYS} days of daily spend in the ledger, with the {@link Forecaster}
 * (Holt-Winters, weekly season) and 80% and 95% prediction intervals; and, for every spend limit
 * that applies, the day the expected spend crosses it and the share of simulated paths that cross
 * it. Days are calendar days in {@code cost.time_zone}; today counts with at least what it has
 * already spent. Blocking (JDBC): call it on a worker. Thread-safe.
 */
public final class SpendForecasts {
  static final int HISTORY_DAYS = 56;
  static final int MAX_SUBJECTS = 50;

  private final SpendLedger ledger;
  private final Clock clock;
  private final CostConfig config;

  public SpendForecasts(SpendLedger ledger, Clock clock, CostConfig config) {
    this.ledger = ledger;
    this.clock = clock;
    this.config = config;
  }

  /**
   * @param tenant the tenant, or null for every tenant
   * @param customer one customer of {@code tenant}, or null
   * @param perCustomer forecast each customer of {@code tenant} (the {@value #MAX_SUBJECTS} biggest
   *     spenders) instead of the tenant as a whole
   */
  public ObjectNode forecast(String tenant, String customer, boolean perCustomer) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), config.timeZone());
    LocalDate monthStart = today.withDayOfMonth(1);
    LocalDate monthEnd = monthStart.plusMonths(1);
    LocalDate from = today.minusDays(HISTORY_DAYS);
    boolean customers = customer != null || perCustomer;
    List<Dimension> by =
        customers
            ? List.of(Dimension.TENANT, Dimension.CUSTOMER, Dimension.DAY)
            : List.of(Dimension.TENANT, Dimension.DAY);
    Map<String, Map<LocalDate, Long>> daily = new TreeMap<>();
    Map<String, String[]> subjects = new TreeMap<>();
    for (UsageRow r : ledger.usage(new UsageQuery(by, tenant, customer, from, today.plusDays(1)))) {
      String t = r.group().get(Dimension.TENANT);
      String c = customers ? r.group().get(Dimension.CUSTOMER) : null;
      if (customers && c == null) {
        continue;
      }
      String key = t + "\u0000" + (c == null ? "" : c);
      subjects.put(key, new String[] {t, c});
      daily
          .computeIfAbsent(key, k -> new TreeMap<>())
          .merge(LocalDate.parse(r.group().get(Dimension.DAY)), r.costMicros(), Long::sum);
    }
    List<String> keys = new ArrayList<>(subjects.keySet());
    keys.sort(
        (a, b) ->
            Long.compare(
                daily.get(b).values().stream().mapToLong(Long::longValue).sum(),
                daily.get(a).values().stream().mapToLong(Long::longValue).sum()));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "usage.forecast");
    out.put("as_of", today.toString());
    out.put("month", monthStart.toString().substring(0, 7));
    out.put("time_zone", config.timeZone().getId());
    ArrayNode data = out.putArray("data");
    for (String key : keys.subList(0, Math.min(keys.size(), MAX_SUBJECTS))) {
      String[] s = subjects.get(key);
      data.add(one(s[0], s[1], daily.get(key), today, monthStart, monthEnd));
    }
    return out;
  }

  private ObjectNode one(
      String tenant,
      String customer,
      Map<LocalDate, Long> days,
      LocalDate today,
      LocalDate monthStart,
      LocalDate monthEnd) {
    LocalDate first = days.keySet().iterator().next();
    int n = (int) ChronoUnit.DAYS.between(first, today);
    double[] history = new double[Math.max(0, n)];
    for (int i = 0; i < history.length; i++) {
      history[i] = days.getOrDefault(first.plusDays(i), 0L);
    }
    long spentToday = days.getOrDefault(today, 0L);
    long monthBeforeToday = 0;
    for (Map.Entry<LocalDate, Long> e : days.entrySet()) {
      if (!e.getKey().isBefore(monthStart) && e.getKey().isBefore(today)) {
        monthBeforeToday += e.getValue();
      }
    }
    int horizon = (int) ChronoUnit.DAYS.between(today, monthEnd);
    Forecaster.Forecast f =
        Forecaster.forecast(history, horizon, (tenant + "/" + customer).hashCode());
    // each path's month total: what is spent, today at least its spend so far, then the rest
    double[][] cumulative = new double[f.paths().length][horizon];
    double[] totals = new double[f.paths().length];
    for (int p = 0; p < f.paths().length; p++) {
      double sum = monthBeforeToday;
      for (int h = 0; h < horizon; h++) {
        double day = h == 0 ? Math.max(spentToday, f.paths()[p][h]) : f.paths()[p][h];
        sum += day;
        cumulative[p][h] = sum;
      }
      totals[p] = sum;
    }
    double[] expected = new double[horizon];
    double running = monthBeforeToday;
    for (int h = 0; h < horizon; h++) {
      running += h == 0 ? Math.max(spentToday, f.mean()[h]) : f.mean()[h];
      expected[h] = running;
    }
    double[] sorted = totals.clone();
    java.util.Arrays.sort(sorted);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("tenant", tenant);
    if (customer != null) {
      o.put("customer", customer);
    }
    o.put("method", f.method());
    o.put("history_days", history.length);
    o.put("spent_this_month_usd", Usd.format(monthBeforeToday + spentToday));
    o.put("forecast_month_usd", usd(expected[horizon - 1]));
    o.putArray("interval_80_usd").add(usd(q(sorted, 0.10))).add(usd(q(sorted, 0.90)));
    o.putArray("interval_95_usd").add(usd(q(sorted, 0.025))).add(usd(q(sorted, 0.975)));
    ArrayNode perDay = o.putArray("daily");
    for (int h = 0; h < horizon; h++) {
      perDay
          .addObject()
          .put("day", today.plusDays(h).toString())
          .put("forecast_usd", usd(f.mean()[h]))
          .put("low_80_usd", usd(f.dayQuantile(h, 0.10)))
          .put("high_80_usd", usd(f.dayQuantile(h, 0.90)));
    }
    ArrayNode limits = o.putArray("limits");
    for (SpendLimit limit : config.limits()) {
      if (!applies(limit, tenant, customer)) {
        continue;
      }
      for (long amount : new long[] {limit.hardMicros(), limit.softMicros()}) {
        if (amount > 0) {
          limits.add(
              crossing(
                  limit,
                  amount,
                  amount == limit.hardMicros(),
                  today,
                  f,
                  expected,
                  cumulative,
                  spentToday));
        }
      }
    }
    return o;
  }

  private static ObjectNode crossing(
      SpendLimit limit,
      long amount,
      boolean hard,
      LocalDate today,
      Forecaster.Forecast f,
      double[] expected,
      double[][] cumulative,
      long spentToday) {
    int horizon = expected.length;
    String crosses = null;
    int paths = cumulative.length;
    int crossing = 0;
    if (limit.period() == SpendLimit.Period.MONTH) {
      for (int h = 0; h < horizon && crosses == null; h++) {
        if (expected[h] >= amount) {
          crosses = today.plusDays(h).toString();
        }
      }
      for (double[] path : cumulative) {
        crossing += path[horizon - 1] >= amount ? 1 : 0;
      }
    } else {
      for (int h = 0; h < horizon && crosses == null; h++) {
        double day = h == 0 ? Math.max(spentToday, f.mean()[0]) : f.mean()[h];
        if (day >= amount) {
          crosses = today.plusDays(h).toString();
        }
      }
      for (double[] path : f.paths()) {
        boolean any = false;
        for (int h = 0; h < horizon && !any; h++) {
          any = (h == 0 ? Math.max(spentToday, path[0]) : path[h]) >= amount;
        }
        crossing += any ? 1 : 0;
      }
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("code", limit.code());
    o.put("kind", hard ? "hard" : "soft");
    o.put("limit_usd", Usd.format(amount));
    if (crosses == null) {
      o.putNull("crosses_on");
    } else {
      o.put("crosses_on", crosses);
    }
    o.put("probability", Math.round(1000.0 * crossing / paths) / 1000.0);
    return o;
  }

  private static boolean applies(SpendLimit limit, String tenant, String customer) {
    if (limit.tenant() != null && !limit.tenant().equals(tenant)) {
      return false;
    }
    return switch (limit.scope()) {
      case TENANT -> customer == null && (limit.match() == null || limit.match().equals(tenant));
      case CUSTOMER ->
          customer != null && (limit.match() == null || limit.match().equals(customer));
      default -> false;
    };
  }

  private static double q(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }

  private static String usd(double micros) {
    return Usd.format(Math.max(0, Math.round(micros)));
  }
}
