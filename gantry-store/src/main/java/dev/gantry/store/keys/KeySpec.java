package dev.gantry.store.keys;

import dev.gantry.core.security.KeyLimits;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a new key is for.
 *
 * @param tenant the tenant the key acts for (1..128 characters)
 * @param role what the key may do
 * @param name a human label (1..200 characters), e.g. "billing service, prod"
 * @param routes routes the key may call; empty means every route
 * @param endpoints endpoints the key may call (e.g. {@code chat.completions}); empty means all
 * @param expiresAt when the key stops working, or null for never
 * @param limits the key's own rate limits ({@link KeyLimits#NONE} for none)
 */
public record KeySpec(
    String tenant,
    Role role,
    String name,
    List<String> routes,
    List<String> endpoints,
    Instant expiresAt,
    KeyLimits limits) {
  public KeySpec {
    tenant = text("tenant", tenant, 128);
    Objects.requireNonNull(role, "role");
    name = text("name", name, 200);
    routes = names("routes", routes);
    endpoints = names("endpoints", endpoints);
    limits = limits == null ? KeyLimits.NONE : limits;
  }

  public KeySpec(
      String tenant,
      Role role,
      String name,
      List<String> routes,
      List<String> endpoints,
      Instant expiresAt) {
    this(tenant, role, name, routes, endpoints, expiresAt, KeyLimits.NONE);
  }

  /** A key for every route and endpoint that never expires. */
  public static KeySpec of(String tenant, Role role, String name) {
    return new KeySpec(tenant, role, name, List.of(), List.of(), null);
  }

  public KeySpec withRoutes(List<String> r) {
    return new KeySpec(tenant, role, name, r, endpoints, expiresAt, limits);
  }

  public KeySpec withEndpoints(List<String> e) {
    return new KeySpec(tenant, role, name, routes, e, expiresAt, limits);
  }

  public KeySpec expiringAt(Instant at) {
    return new KeySpec(tenant, role, name, routes, endpoints, at, limits);
  }

  public KeySpec withLimits(KeyLimits l) {
    return new KeySpec(tenant, role, name, routes, endpoints, expiresAt, l);
  }

  static String text(String field, String value, int max) {
    if (value == null || value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(
          "key " + field + " must be 1.." + max + " characters, was " + value);
    }
    return value;
  }

  private static List<String> names(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    for (String v : values) {
      text(field + " entry", v, 200);
    }
    return List.copyOf(values);
  }
}
