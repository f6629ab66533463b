package dev.gantry.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One rate limit ({@code limits.rate[i]}): requests per minute, tokens per minute and concurrent
 * requests for one subject, or for each subject of a scope separately.
 *
 * @param scope whose requests are counted
 * @param match the one subject it applies to (a key id, tenant, customer id or route), or null for
 *     each subject separately (every customer gets its own limit); ignored for {@code global}
 * @param rpm requests per minute, or 0 for no request-rate limit
 * @param tpm tokens per minute (input estimate plus reserved output, reconciled with the actual
 *     usage), or 0 for none
 * @param concurrency requests in flight at once, or 0 for none
 */
public record RateLimit(Scope scope, String match, int rpm, int tpm, int concurrency) {

  /** Whose requests a limit counts. Customers are counted within their tenant. */
  public enum Scope {
    GLOBAL,
    TENANT,
    KEY,
    CUSTOMER,
    ROUTE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * True for the limits of Gantry or an upstream's capacity (a refusal is 503 {@code
     * capacity_exceeded}), false for a client's allowance (429 {@code rate_limit_exceeded}).
     */
    public boolean capacity() {
      return this == GLOBAL || this == ROUTE;
    }
  }

  public RateLimit {
    Objects.requireNonNull(scope, "scope");
    if (rpm < 0 || tpm < 0 || concurrency < 0) {
      throw new IllegalArgumentException("rpm, tpm and concurrency must be >= 0");
    }
    if (rpm == 0 && tpm == 0 && concurrency == 0) {
      throw new IllegalArgumentException("a rate limit needs rpm, tpm or concurrency");
    }
  }
}
