package dev.gantry.core.security;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated caller. Immutable.
 *
 * @param keyId the API key's id (or {@code jwt:<subject>} for a token), recorded in the audit log
 * @param tenant the tenant it acts for; {@link #SYSTEM_TENANT} spans every tenant
 * @param role what it may do
 * @param routes routes (public model names) it may call; empty means all
 * @param endpoints endpoints it may call ({@code chat}, {@code embeddings}, {@code models}, {@code
 *     retrieve}, {@code admin}); empty means all its role allows
 * @param limits the rate limits stored on its key ({@link KeyLimits#NONE} for none)
 */
public record Principal(
    String keyId,
    String tenant,
    Role role,
    List<String> routes,
    List<String> endpoints,
    KeyLimits limits) {
  /** The tenant of the bootstrap admin key, whose admins manage every tenant. */
  public static final String SYSTEM_TENANT = "system";

  /** The caller when authentication is switched off ({@code auth.required: false}). */
  public static final Principal ANONYMOUS =
      new Principal("anonymous", "default", Role.ADMIN, List.of(), List.of());

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    routes = List.copyOf(routes);
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(limits, "limits");
  }

  /** A caller whose key has no rate limits of its own. */
  public Principal(
      String keyId, String tenant, Role role, List<String> routes, List<String> endpoints) {
    this(keyId, tenant, role, routes, endpoints, KeyLimits.NONE);
  }

  /** True when this caller may act on objects of {@code otherTenant}. */
  public boolean covers(String otherTenant) {
    return tenant.equals(otherTenant) || tenant.equals(SYSTEM_TENANT);
  }

  public boolean mayCallRoute(String route) {
    return routes.isEmpty() || routes.contains(route);
  }

  public boolean mayUseEndpoint(String endpoint) {
    return endpoints.isEmpty() || endpoints.contains(endpoint);
  }
}
