package dev.gantry.store.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.store.audit.AdminRecord;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditRecord;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.crypto.SealedPayload;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Turns audit records into rows and rows back into records: draws the per-record salt, commits to
 * the customer and the payload, seals the payload (all on the appending thread, before the record
 * is queued), and renders stored rows as {@link AuditEntry} or as an export line. Thread-safe.
 */
final class AuditCodec {
  private static final int SALT_BYTES = 16;

  private final PayloadCipher cipher;
  private final SecureRandom random;

  AuditCodec(PayloadCipher cipher, SecureRandom random) {
    this.cipher = cipher;
    this.random = random;
  }

  PreparedRow prepare(AuditRecord record) {
    if (record instanceof AdminRecord a) {
      return new PreparedRow(
          new ChainFields(
              ChainFields.ADMIN,
              a.time().toEpochMilli(),
              a.tenant(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              a.actorKeyId(),
              a.action(),
              a.objectType(),
              a.objectId(),
              a.beforeJson(),
              a.afterJson()),
          null,
          null,
          null,
          null);
    }
    RequestRecord r = (RequestRecord) record;
    if (r.payload() != null && !cipher.canSeal()) {
      throw new IllegalStateException(
          "a payload can be stored only encrypted, and no data keys are configured");
    }
    byte[] salt = null;
    if (r.customer() != null || r.payload() != null) {
      salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
    }
    String customerCommit =
        r.customer() == null ? null : ChainHash.commit("customer", salt, r.customer());
    SealedPayload sealed = null;
    String payloadCommit = null;
    if (r.payload() != null) {
      sealed = cipher.seal(r.payload().getBytes(StandardCharsets.UTF_8), salt);
      payloadCommit = ChainHash.commit("payload", salt, r.payload());
    }
    return new PreparedRow(
        new ChainFields(
            ChainFields.REQUEST,
            r.time().toEpochMilli(),
            r.tenant(),
            r.requestId(),
            r.keyId(),
            customerCommit,
            r.route(),
            r.deployment(),
            r.status(),
            r.verdictsJson(),
            r.promptTokens(),
            r.completionTokens(),
            r.costMicros(),
            r.latencyMillis(),
            payloadCommit,
            null,
            null,
            null,
            null,
            null,
            null,
            r.traceId()),
        r.customer(),
        salt,
        sealed == null ? null : sealed.bytes(),
        sealed == null ? null : sealed.keyId());
  }

  static AuditEntry entry(ChainRow r) {
    ChainFields f = r.fields();
    Instant time = Instant.ofEpochMilli(f.ts());
    AuditRecord record =
        ChainFields.ADMIN.equals(f.kind())
            ? new AdminRecord(
                time,
                f.tenant(),
                f.actorKeyId(),
                f.action(),
                f.objectType(),
                f.objectId(),
                f.beforeJson(),
                f.afterJson())
            : new RequestRecord(
                time,
                f.requestId(),
                f.tenant(),
                f.keyId(),
                r.customer(),
                f.route(),
                f.deployment(),
                f.status() == null ? 0 : f.status(),
                f.verdicts(),
                f.promptTokens() == null ? 0 : f.promptTokens(),
                f.completionTokens() == null ? 0 : f.completionTokens(),
                f.costMicros(),
                f.latencyMs() == null ? 0 : f.latencyMs(),
                null,
                f.traceId());
    return new AuditEntry(
        r.seq(), record, r.payload() != null, r.erasedAt() != null, r.prevHash(), r.hash());
  }

  static ObjectNode exportLine(ChainRow r) {
    ChainFields f = r.fields();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("seq", r.seq());
    o.put("kind", f.kind());
    o.put("ts", f.ts());
    o.put("time", Instant.ofEpochMilli(f.ts()).toString());
    o.put("tenant", f.tenant());
    if (ChainFields.REQUEST.equals(f.kind())) {
      o.put("request_id", f.requestId());
      o.put("key_id", f.keyId());
      if (r.customer() != null) {
        o.put("customer", r.customer());
      }
      o.put("customer_commit", f.customerCommit());
      if (r.salt() != null) {
        o.put("commit_salt", Base64.getEncoder().encodeToString(r.salt()));
      }
      o.put("route", f.route());
      o.put("deployment", f.deployment());
      o.put("status", f.status());
      o.put("verdicts", f.verdicts());
      o.put("prompt_tokens", f.promptTokens());
      o.put("completion_tokens", f.completionTokens());
      o.put("cost_micros", f.costMicros());
      o.put("latency_ms", f.latencyMs());
      o.put("payload_commit", f.payloadCommit());
      o.put("payload_stored", r.payload() != null);
      if (f.traceId() != null) {
        o.put("trace_id", f.traceId());
      }
    } else {
      o.put("actor_key_id", f.actorKeyId());
      o.put("action", f.action());
      o.put("object_type", f.objectType());
      o.put("object_id", f.objectId());
      o.put("before", f.beforeJson());
      o.put("after", f.afterJson());
    }
    o.put("erased", r.erasedAt() != null);
    o.put("prev_hash", r.prevHash());
    o.put("hash", r.hash());
    return o;
  }

  /** Epoch milliseconds, saturating for {@link Instant#MIN} and {@link Instant#MAX}. */
  static long millis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
