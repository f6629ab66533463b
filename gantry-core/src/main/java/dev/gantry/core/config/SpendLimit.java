package dev.gantry.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One spend limit ({@code cost.limits[i]}): what it counts, over which calendar period, and the
 * soft and hard amounts in USD micro-units.
 *
 * @param scope whose spend is counted
 * @param match the one subject it applies to (a tenant, key id, customer id or tag), or null for
 *     each subject separately (every customer gets its own limit)
 * @param tenant for customer, key and tag limits: only this tenant's requests, or null for any
 * @param period the calendar day or month, in {@code cost.time_zone}
 * @param hardMicros spend at which requests are refused with 429, or 0 for none
 * @param softMicros spend at which one warning event is published per period, or 0 for none
 */
public record SpendLimit(
    Scope scope, String match, String tenant, Period period, long hardMicros, long softMicros) {

  /** Whose spend a limit counts. Customer and tag subjects are counted within their tenant. */
  public enum Scope {
    TENANT,
    KEY,
    CUSTOMER,
    TAG;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A calendar period. */
  public enum Period {
    DAY("daily"),
    MONTH("monthly");

    private final String adjective;

    Period(String adjective) {
      this.adjective = adjective;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code daily} or {@code monthly}, as in error codes such as {@code customer_daily}. */
    public String adjective() {
      return adjective;
    }
  }

  public SpendLimit {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(period, "period");
    if (hardMicros < 0 || softMicros < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    if (hardMicros == 0 && softMicros == 0) {
      throw new IllegalArgumentException("a limit needs hard or soft (or both)");
    }
    if (hardMicros > 0 && softMicros > hardMicros) {
      throw new IllegalArgumentException("soft must not exceed hard");
    }
  }

  /** The error code of a refusal by this limit, e.g. {@code customer_daily}. */
  public String code() {
    return scope.configName() + "_" + period.adjective();
  }
}
