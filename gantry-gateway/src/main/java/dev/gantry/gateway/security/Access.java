package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.security.Principal;
import dev.gantry.core.security.Role;

/**
 * Decides whether a principal may call an endpoint, for a route and on a tenant's objects. Returns
 * the 403 to send, or null when allowed. Stateless.
 */
public final class Access {
  private Access() {}

  /**
   * @param route the route (public model name) called, or null when the endpoint has none
   * @param tenant the tenant whose objects are read or changed, or null for none
   */
  public static ApiError check(Principal who, Endpoint endpoint, String route, String tenant) {
    if (!endpoint.allows(who.role())) {
      return ApiError.forbidden(
          "The role '"
              + who.role().configName()
              + "' may not use this endpoint ("
              + endpoint.name().toLowerCase(java.util.Locale.ROOT)
              + ").");
    }
    if (!who.mayUseEndpoint(endpoint.scope())) {
      return ApiError.forbidden(
          "This key is limited to the endpoints " + String.join(", ", who.endpoints()) + ".");
    }
    if (route != null && !who.mayCallRoute(route)) {
      return ApiError.forbidden("This key may not call the model '" + route + "'.");
    }
    if (tenant != null && !covers(who, tenant)) {
      return ApiError.forbidden("This key may not act on another tenant's objects.");
    }
    return null;
  }

  /**
   * Whether {@code who} may act on {@code tenant}'s objects: its own tenant, and for the system
   * tenant's admins and operators every tenant. A developer sees only its own tenant, also in the
   * system tenant.
   */
  static boolean covers(Principal who, String tenant) {
    return who.role() == Role.DEVELOPER ? who.tenant().equals(tenant) : who.covers(tenant);
  }
}
