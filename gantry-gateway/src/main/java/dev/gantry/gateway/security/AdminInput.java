package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.Units;
import dev.gantry.core.security.KeyLimits;
import dev.gantry.core.security.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the bodies and query parameters of the admin API before anything is done with them.
 * Every problem is a 400 whose {@code param} names the field; nothing a client sends reaches the
 * store unchecked, and unknown fields are refused rather than ignored. Stateless.
 */
public final class AdminInput {
  /** Tenant names: 1..128 of letters, digits and {@code . _ - : @}, starting alphanumeric. */
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  static final int MAX_NAME = 200;
  static final int MAX_ROUTES = 256;
  static final Duration MAX_EXPIRY = Duration.ofDays(3650);

  /** The endpoint scopes a key may be limited to. */
  static final Set<String> SCOPES = scopes();

  private static final Set<String> KEY_FIELDS =
      Set.of(
          "tenant",
          "role",
          "name",
          "routes",
          "endpoints",
          "expires_in",
          "rpm",
          "tpm",
          "concurrency");
  private static final Set<String> ERASE_FIELDS = Set.of("tenant", "customer");

  private AdminInput() {}

  /**
   * A key to create.
   *
   * @param tenant the tenant, the caller's own when the body names none
   * @param expiresIn how long the key lives, or null for ever
   * @param limits the key's own rate limits
   */
  public record NewKey(
      String tenant,
      Role role,
      String name,
      List<String> routes,
      List<String> endpoints,
      Duration expiresIn,
      KeyLimits limits) {}

  /** An end customer whose data to erase. */
  public record Erasure(String tenant, String customer) {}

  /**
   * Reads a {@code POST /admin/keys} body.
   *
   * @throws AdminActions.Refused naming the first field that is wrong
   */
  public static NewKey newKey(JsonNode body, String callerTenant) {
    known(body, KEY_FIELDS);
    String tenant = tenant(body.get("tenant"), "tenant", callerTenant);
    JsonNode r = body.get("role");
    Role role = r != null && r.isTextual() ? Role.parse(r.asText()) : null;
    if (role == null) {
      throw refused("'role' must be one of admin, operator, developer, app.", "role");
    }
    String name = text(body.get("name"), "name", MAX_NAME, role.configName() + " key");
    List<String> routes = list(body.get("routes"), "routes", null);
    List<String> endpoints = list(body.get("endpoints"), "endpoints", SCOPES);
    Duration expires = null;
    JsonNode e = body.get("expires_in");
    if (e != null && !e.isNull()) {
      expires = e.isTextual() && e.asText().length() <= 32 ? Units.parseDuration(e.asText()) : null;
      if (expires == null
          || expires.isZero()
          || expires.isNegative()
          || expires.compareTo(MAX_EXPIRY) > 0) {
        throw refused(
            "'expires_in' must be a duration such as 30d or 12h, at most 3650d.", "expires_in");
      }
    }
    KeyLimits limits =
        new KeyLimits(
            limit(body.get("rpm"), "rpm", KeyLimits.MAX_RPM),
            limit(body.get("tpm"), "tpm", KeyLimits.MAX_TPM),
            limit(body.get("concurrency"), "concurrency", KeyLimits.MAX_CONCURRENCY));
    return new NewKey(tenant, role, name, routes, endpoints, expires, limits);
  }

  /** A key's rate limit: a whole number 0..max, 0 (or absent) for none. */
  private static int limit(JsonNode node, String field, int max) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.asInt() < 0
        || node.asInt() > max) {
      throw refused("'" + field + "' must be a whole number 0.." + max + " (0: no limit).", field);
    }
    return node.asInt();
  }

  /**
   * Reads a {@code POST /admin/erase} body.
   *
   * @throws AdminActions.Refused naming the first field that is wrong
   */
  public static Erasure erasure(JsonNode body, String callerTenant) {
    known(body, ERASE_FIELDS);
    String tenant = tenant(body.get("tenant"), "tenant", callerTenant);
    String customer = text(body.get("customer"), "customer", 512, null);
    if (customer == null) {
      throw refused("'customer' is required.", "customer");
    }
    return new Erasure(tenant, customer);
  }

  /**
   * A {@code tenant} query parameter: null when absent.
   *
   * @throws AdminActions.Refused when it is not a tenant name
   */
  public static String tenantParam(String value) {
    if (value == null) {
      return null;
    }
    if (!TENANT.matcher(value).matches()) {
      throw refused(tenantRule(), "tenant");
    }
    return value;
  }

  private static void known(JsonNode body, Set<String> fields) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!fields.contains(n)) {
        String shown = n.length() > 64 ? n.substring(0, 64) + "…" : n;
        throw refused(
            "Unknown field '"
                + shown.replaceAll("\\p{Cntrl}", "?")
                + "'; allowed: "
                + String.join(", ", new java.util.TreeSet<>(fields))
                + ".",
            shown);
      }
    }
  }

  private static String tenant(JsonNode node, String field, String fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual() || !TENANT.matcher(node.asText()).matches()) {
      throw refused(tenantRule(), field);
    }
    return node.asText();
  }

  private static String tenantRule() {
    return "'tenant' must be 1..128 letters, digits, '.', '_', '-', ':' or '@', starting with a"
        + " letter or digit.";
  }

  private static String text(JsonNode node, String field, int max, String fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()
        || node.asText().isBlank()
        || node.asText().length() > max
        || node.asText().codePoints().anyMatch(Character::isISOControl)) {
      throw refused(
          "'"
              + field
              + "' must be a string of 1.."
              + max
              + " characters without control characters.",
          field);
    }
    return node.asText();
  }

  private static List<String> list(JsonNode node, String field, Set<String> allowed) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    String rule =
        allowed == null
            ? "'" + field + "' must be a list of at most " + MAX_ROUTES + " non-empty names."
            : "'"
                + field
                + "' must be a list of: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ".";
    if (!node.isArray() || node.size() > MAX_ROUTES) {
      throw refused(rule, field);
    }
    for (JsonNode n : node) {
      String v = n.isTextual() ? n.asText() : null;
      boolean ok =
          v != null
              && !v.isBlank()
              && v.length() <= MAX_NAME
              && v.codePoints().noneMatch(Character::isISOControl)
              && (allowed == null || allowed.contains(v));
      if (!ok) {
        throw refused(rule, field);
      }
      out.add(v);
    }
    return out;
  }

  private static Set<String> scopes() {
    Set<String> s = new java.util.TreeSet<>();
    for (Endpoint e : Endpoint.values()) {
      s.add(e.scope().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(s);
  }

  private static AdminActions.Refused refused(String message, String field) {
    return new AdminActions.Refused(ApiError.invalid(message, field));
  }
}
