package dev.gantry.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.Principal;
import dev.gantry.store.audit.AdminRecord;
import dev.gantry.store.audit.AuditLog;
import java.time.Clock;

/**
 * {@code POST /admin/cache/purge}: deletes cache entries by route, by tenant or all, on every
 * replica, and records who did it in the audit log (action {@code cache.purge}) before answering.
 * The body is {@code {"route": R, "tenant": T}}, each optional; a tenant's key purges only its own
 * tenant's entries, a system key without {@code tenant} purges every tenant's and the shared ones.
 * Blocking: run on a worker. Stateless.
 */
public final class CachePurgeAction {
  private CachePurgeAction() {}

  /**
   * @return the tenant the caller acts on (checked by the caller against its key), or null for all
   */
  public static String tenant(Principal who, JsonNode body) {
    if (body.hasNonNull("tenant")) {
      return body.get("tenant").asText();
    }
    return who.tenant().equals(Principal.SYSTEM_TENANT) ? null : who.tenant();
  }

  public static JsonNode purge(
      Principal who, JsonNode body, ResponseCache cache, AuditLog audit, Clock clock) {
    if (!body.isObject()) {
      throw new ApiException(ApiError.invalid("The body must be a JSON object.", null));
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("route") && !f.equals("tenant")) {
        throw new ApiException(
            ApiError.invalid("Unknown field '" + f + "'; allowed: route, tenant.", f));
      }
      if (!body.get(f).isTextual() || body.get(f).asText().isBlank()) {
        throw new ApiException(ApiError.invalid("'" + f + "' must be a non-empty string.", f));
      }
    }
    String route = body.hasNonNull("route") ? body.get("route").asText() : null;
    String tenant = tenant(who, body);
    long deleted = cache.purge(route, tenant);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "cache.purge");
    if (route == null) {
      out.putNull("route");
    } else {
      out.put("route", route);
    }
    if (tenant == null) {
      out.putNull("tenant");
    } else {
      out.put("tenant", tenant);
    }
    out.put("deleted", deleted);
    if (audit != null) {
      audit
          .append(
              new AdminRecord(
                  clock.instant(),
                  tenant,
                  who.keyId(),
                  "cache.purge",
                  "cache",
                  route == null ? "*" : route,
                  null,
                  Json.toString(out)))
          .join();
    }
    return out;
  }
}
