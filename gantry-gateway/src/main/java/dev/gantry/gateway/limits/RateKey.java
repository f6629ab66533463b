package dev.gantry.gateway.limits;

import dev.gantry.core.config.RateLimit;
import java.util.Objects;

/**
 * One rate limit applied to one subject, e.g. 60 requests per minute for customer {@code bob} of
 * tenant {@code acme}.
 *
 * @param id a stable name, the same on every replica ({@code rate:<scope>:<subject>}); a shared
 *     store keeps the subject's buckets under it
 * @param limit the configured limit
 * @param subject who is counted (a key id, {@code tenant/customer}, tenant, route or {@code *})
 */
public record RateKey(String id, RateLimit limit, String subject) {
  public RateKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(subject, "subject");
  }

  /** The error code naming this limit in one dimension, e.g. {@code customer_requests}. */
  public String code(RateResult.Dimension dimension) {
    return limit.scope().configName() + "_" + dimension.label();
  }
}
