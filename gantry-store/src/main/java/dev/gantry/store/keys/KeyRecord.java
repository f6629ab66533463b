package dev.gantry.store.keys;

import dev.gantry.core.security.KeyLimits;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored API key, without its secret. Times are UTC instants with millisecond precision.
 *
 * @param id stable id, used by the admin API and in audit records
 * @param prefix the key's visible 8-character prefix ({@code gk_<prefix>_…}), safe to show; for an
 *     operator-chosen bootstrap key, a tag derived from its HMAC instead
 * @param tenant the tenant the key acts for
 * @param role what the key may do
 * @param name human label
 * @param routes routes the key may call; empty means every route
 * @param endpoints endpoints the key may call; empty means every endpoint
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or null
 * @param revokedAt when it was revoked (or replaced by rotation), or null
 * @param rotatedFrom id of the key this one replaced, or null
 * @param limits the key's own rate limits ({@link KeyLimits#NONE} for none)
 */
public record KeyRecord(
    String id,
    String prefix,
    String tenant,
    Role role,
    String name,
    List<String> routes,
    List<String> endpoints,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String rotatedFrom,
    KeyLimits limits) {
  public KeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    routes = List.copyOf(routes);
    endpoints = List.copyOf(endpoints);
    limits = limits == null ? KeyLimits.NONE : limits;
  }

  /** A key without rate limits of its own. */
  public KeyRecord(
      String id,
      String prefix,
      String tenant,
      Role role,
      String name,
      List<String> routes,
      List<String> endpoints,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String rotatedFrom) {
    this(
        id,
        prefix,
        tenant,
        role,
        name,
        routes,
        endpoints,
        createdAt,
        expiresAt,
        revokedAt,
        rotatedFrom,
        KeyLimits.NONE);
  }

  /** Not revoked and not expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  public boolean allowsRoute(String route) {
    return routes.isEmpty() || routes.contains(route);
  }

  public boolean allowsEndpoint(String endpoint) {
    return endpoints.isEmpty() || endpoints.contains(endpoint);
  }
}
