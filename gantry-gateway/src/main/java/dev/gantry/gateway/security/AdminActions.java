package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.Principal;
import dev.gantry.store.Store;
import dev.gantry.store.audit.AdminRecord;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.VerifyResult;
import dev.gantry.store.keys.CreatedKey;
import dev.gantry.store.keys.KeyRecord;
import dev.gantry.store.keys.KeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the admin API and the command line do to keys, the audit log and stored data. Blocking
 * (store calls): run on a worker. Every change appends an admin record (who, what, which object,
 * before and after) and waits for it to commit. Shared and thread-safe.
 */
public final class AdminActions {
  /** A refusal to send back as the answer. */
  public static final class Refused extends RuntimeException {
    private final transient ApiError error;

    public Refused(ApiError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    public ApiError error() {
      return error;
    }
  }

  /** One admin action. */
  @FunctionalInterface
  public interface Work {
    Object run();
  }

  private final SecurityRuntime security;
  private final Store store;

  public AdminActions(SecurityRuntime security) {
    this.security = security;
    this.store = security.store();
  }

  public JsonNode listKeys(Principal who, String tenant) {
    List<KeyRecord> keys;
    if (tenant != null) {
      keys = store.keys().list(tenant);
    } else if (who.tenant().equals(Principal.SYSTEM_TENANT)) {
      keys = store.keys().listAll();
    } else {
      keys = store.keys().list(who.tenant());
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    keys.forEach(k -> data.add(json(k)));
    return out;
  }

  /** Creates a key from a validated request ({@link AdminInput#newKey}). */
  public JsonNode createKey(Principal who, AdminInput.NewKey k) {
    String tenant = k.tenant();
    KeySpec spec;
    try {
      spec =
          KeySpec.of(tenant, dev.gantry.store.keys.Role.valueOf(k.role().name()), k.name())
              .withRoutes(k.routes())
              .withEndpoints(k.endpoints())
              .withLimits(k.limits());
    } catch (IllegalArgumentException e) {
      throw new Refused(ApiError.invalid("The key request is not valid.", null));
    }
    if (k.expiresIn() != null) {
      spec = spec.expiringAt(security.clock().instant().plus(k.expiresIn()));
    }
    CreatedKey created;
    try {
      created = store.keys().create(spec);
    } catch (IllegalArgumentException e) {
      throw new Refused(ApiError.invalid(e.getMessage(), null));
    }
    record(who, tenant, "key.create", created.record().id(), null, json(created.record()));
    ObjectNode out = json(created.record());
    out.put("object", "key.created");
    out.put("key", created.plaintext());
    return out;
  }

  public JsonNode revoke(Principal who, String id) {
    KeyRecord k = owned(who, id);
    boolean changed = store.keys().revoke(id);
    if (security.authenticator() != null) {
      security.authenticator().invalidateAll();
    }
    KeyRecord after = store.keys().get(id).orElse(k);
    if (changed) {
      record(who, k.tenant(), "key.revoke", id, json(k), json(after));
    }
    ObjectNode out = json(after);
    out.put("revoked", true);
    return out;
  }

  public JsonNode rotate(Principal who, String id) {
    KeyRecord k = owned(who, id);
    CreatedKey created;
    try {
      created = store.keys().rotate(id);
    } catch (IllegalStateException e) {
      throw new Refused(ApiError.invalid("The key is already revoked.", null, "key_revoked"));
    }
    if (security.authenticator() != null) {
      security.authenticator().invalidateAll();
    }
    record(who, k.tenant(), "key.rotate", id, json(k), json(created.record()));
    ObjectNode out = json(created.record());
    out.put("object", "key.created");
    out.put("key", created.plaintext());
    return out;
  }

  private KeyRecord owned(Principal who, String id) {
    Optional<KeyRecord> k = store.keys().get(id);
    if (k.isEmpty() || !who.covers(k.get().tenant())) {
      throw new Refused(
          new ApiError(
              404,
              "No key with id '" + id + "'.",
              ApiError.INVALID_REQUEST,
              null,
              "key_not_found"));
    }
    return k.get();
  }

  public JsonNode audit(Principal who, String tenant, String limit, String before) {
    int n = parseInt(limit, 100, 1, 10_000, "limit");
    AuditQuery q =
        tenant == null && who.tenant().equals(Principal.SYSTEM_TENANT)
            ? AuditQuery.allTenants(Instant.EPOCH, security.clock().instant().plusSeconds(60), n)
            : AuditQuery.forTenant(
                tenant == null ? who.tenant() : tenant,
                Instant.EPOCH,
                security.clock().instant().plusSeconds(60),
                n);
    if (before != null) {
      q = q.before(parseInt(before, 0, 1, Integer.MAX_VALUE, "before"));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    for (AuditEntry e : store.audit().list(q)) {
      data.add(json(e));
    }
    return out;
  }

  public JsonNode verify() {
    VerifyResult r = store.audit().verify();
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (r instanceof VerifyResult.Intact i) {
      out.put("intact", true);
      out.put("checked", i.checked());
      out.put("head_seq", i.headSeq());
      out.put("head_hash", i.headHash());
    } else if (r instanceof VerifyResult.Broken b) {
      out.put("intact", false);
      out.put("first_bad_seq", b.seq());
      out.put("tamper", b.tamper().name().toLowerCase(java.util.Locale.ROOT));
      out.put("detail", b.detail());
    }
    return out;
  }

  /** Erases an end customer's data, from a validated request ({@link AdminInput#erasure}). */
  public JsonNode erase(Principal who, AdminInput.Erasure request) {
    String tenant = request.tenant();
    long n = store.audit().eraseCustomer(tenant, request.customer(), who.keyId());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "erasure");
    out.put("tenant", tenant);
    out.put("records", n);
    return out;
  }

  private void record(
      Principal who, String tenant, String action, String id, JsonNode before, JsonNode after) {
    if (store.audit() == null) {
      return;
    }
    store
        .audit()
        .append(
            new AdminRecord(
                security.clock().instant(),
                tenant,
                who.keyId(),
                action,
                "key",
                id,
                before == null ? null : Json.toString(before),
                after == null ? null : Json.toString(after)))
        .join();
  }

  static ObjectNode json(KeyRecord k) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("object", "key");
    o.put("id", k.id());
    o.put("prefix", k.prefix());
    o.put("tenant", k.tenant());
    o.put("role", k.role().name().toLowerCase(java.util.Locale.ROOT));
    o.put("name", k.name());
    ArrayNode routes = o.putArray("routes");
    k.routes().forEach(routes::add);
    ArrayNode endpoints = o.putArray("endpoints");
    k.endpoints().forEach(endpoints::add);
    o.put("created_at", k.createdAt().toString());
    o.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
    o.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
    o.put("rpm", k.limits().rpm());
    o.put("tpm", k.limits().tpm());
    o.put("concurrency", k.limits().concurrency());
    return o;
  }

  static ObjectNode json(AuditEntry e) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("seq", e.seq());
    o.put("hash", e.hash());
    o.put("prev_hash", e.prevHash());
    if (e.record() instanceof RequestRecord r) {
      o.put("kind", "request");
      o.put("time", r.time().toString());
      o.put("request_id", r.requestId());
      o.put("tenant", r.tenant());
      o.put("key_id", r.keyId());
      o.put("customer", r.customer());
      o.put("route", r.route());
      o.put("deployment", r.deployment());
      o.put("status", r.status());
      o.set(
          "verdicts",
          Json.tryParse(
              r.verdictsJson() == null
                  ? "[]".getBytes()
                  : r.verdictsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      o.put("prompt_tokens", r.promptTokens());
      o.put("completion_tokens", r.completionTokens());
      o.put("latency_ms", r.latencyMillis());
      o.put("trace_id", r.traceId());
    } else if (e.record() instanceof AdminRecord a) {
      o.put("kind", "admin");
      o.put("time", a.time().toString());
      o.put("tenant", a.tenant());
      o.put("actor", a.actorKeyId());
      o.put("action", a.action());
      o.put("object_type", a.objectType());
      o.put("object_id", a.objectId());
    }
    return o;
  }

  private static int parseInt(String v, int fallback, int min, int max, String name) {
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new Refused(
          ApiError.invalid("'" + name + "' must be an integer " + min + ".." + max + ".", name));
    }
  }
}
