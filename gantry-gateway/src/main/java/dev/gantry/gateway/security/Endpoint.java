package dev.gantry.gateway.security;

import dev.gantry.core.security.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything a client can call, with the key scope it belongs to and the roles allowed to call it.
 * The single table the access tests enumerate.
 */
public enum Endpoint {
  CHAT("chat", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  /** OpenAI Responses API: create, read and delete responses. */
  RESPONSES("responses", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  /** Anthropic Messages API, token counting included. */
  MESSAGES("messages", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  /** Legacy text completions. */
  COMPLETIONS("completions", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  EMBEDDINGS("embeddings", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  MODELS("models", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  RETRIEVE("retrieve", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  KEYS_READ("admin", EnumSet.of(Role.ADMIN)),
  KEYS_WRITE("admin", EnumSet.of(Role.ADMIN)),
  AUDIT_READ("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
  USAGE_READ("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.DEVELOPER)),
  ERASE("admin", EnumSet.of(Role.ADMIN)),
  /** Purge of response-cache entries. */
  CACHE_PURGE("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
  /** Gateway-wide metrics: only for the system tenant's admins and operators. */
  METRICS_READ("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
  /**
   * User feedback on answers ({@code POST /v1/feedback}), on the caller's own tenant's requests.
   */
  FEEDBACK("feedback", EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.APP)),
  /**
   * Alerts ({@code GET /admin/alerts}): a tenant's admins and operators see the alerts labelled
   * with their tenant; the system tenant's see every alert.
   */
  ALERTS_READ("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
  /** The dashboard ({@code /ui}): a tenant's admins and operators see their tenant's figures. */
  DASHBOARD("admin", EnumSet.of(Role.ADMIN, Role.OPERATOR));

  private final String scope;
  private final Set<Role> roles;

  Endpoint(String scope, Set<Role> roles) {
    this.scope = scope;
    this.roles = roles;
  }

  /** The name a key's {@code endpoints} scope uses for this endpoint. */
  public String scope() {
    return scope;
  }

  public boolean allows(Role role) {
    return roles.contains(role);
  }
}
