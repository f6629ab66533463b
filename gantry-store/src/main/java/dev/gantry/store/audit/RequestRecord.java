package dev.gantry.store.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A model request, as audited.
 *
 * @param time when the request arrived
 * @param requestId the gateway's request id
 * @param tenant tenant of the key that called
 * @param keyId id of the API key that called
 * @param customer the application's end customer (e.g. OpenAI's {@code user} field), or null;
 *     erasable
 * @param route the route that served it, or null when rejected before routing
 * @param deployment the deployment that answered, or null
 * @param status HTTP status returned to the client
 * @param verdictsJson the stages' verdicts as a JSON text, stored and hashed verbatim, or null
 * @param promptTokens prompt tokens billed
 * @param completionTokens completion tokens billed
 * @param costMicros cost in USD micro-units (1 USD = 1,000,000), or null when unknown
 * @param latencyMillis total latency in milliseconds
 * @param payload prompt and response to keep (typically a JSON text), or null; stored only
 *     encrypted and only when the caller passes it; erasable. Read back with {@link
 *     AuditLog#readPayload}, never returned by {@link AuditLog#list}.
 * @param traceId the request's W3C trace id (32 lowercase hex digits), or null when it had no
 *     trace; hashed into the chain when present
 */
public record RequestRecord(
    Instant time,
    String requestId,
    String tenant,
    String keyId,
    String customer,
    String route,
    String deployment,
    int status,
    String verdictsJson,
    long promptTokens,
    long completionTokens,
    Long costMicros,
    long latencyMillis,
    String payload,
    String traceId)
    implements AuditRecord {
  private static final java.util.regex.Pattern TRACE_ID =
      java.util.regex.Pattern.compile("[0-9a-f]{32}");

  public RequestRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(tenant, "tenant");
    if (status < 0 || status > 999) {
      throw new IllegalArgumentException("status must be 0..999, was " + status);
    }
    if (promptTokens < 0 || completionTokens < 0 || latencyMillis < 0) {
      throw new IllegalArgumentException("token counts and latency must be >= 0");
    }
    if (costMicros != null && costMicros < 0) {
      throw new IllegalArgumentException("costMicros must be >= 0, was " + costMicros);
    }
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException(
          "traceId must be 32 lowercase hex digits, was '" + traceId + "'");
    }
  }

  /** A record without a trace id. */
  public RequestRecord(
      Instant time,
      String requestId,
      String tenant,
      String keyId,
      String customer,
      String route,
      String deployment,
      int status,
      String verdictsJson,
      long promptTokens,
      long completionTokens,
      Long costMicros,
      long latencyMillis,
      String payload) {
    this(
        time,
        requestId,
        tenant,
        keyId,
        customer,
        route,
        deployment,
        status,
        verdictsJson,
        promptTokens,
        completionTokens,
        costMicros,
        latencyMillis,
        payload,
        null);
  }

  /** The same record carrying {@code traceId} (null: none). */
  public RequestRecord withTraceId(String traceId) {
    return new RequestRecord(
        time,
        requestId,
        tenant,
        keyId,
        customer,
        route,
        deployment,
        status,
        verdictsJson,
        promptTokens,
        completionTokens,
        costMicros,
        latencyMillis,
        payload,
        traceId);
  }

  /** The same record without its payload. */
  public RequestRecord withoutPayload() {
    return new RequestRecord(
        time,
        requestId,
        tenant,
        keyId,
        customer,
        route,
        deployment,
        status,
        verdictsJson,
        promptTokens,
        completionTokens,
        costMicros,
        latencyMillis,
        null,
        traceId);
  }

  /** Shows the payload's length, never its content, nor the customer. */
  @Override
  public String toString() {
    return "RequestRecord[time="
        + time
        + ", requestId="
        + requestId
        + ", tenant="
        + tenant
        + ", keyId="
        + keyId
        + ", customer="
        + (customer == null ? "null" : "****")
        + ", route="
        + route
        + ", deployment="
        + deployment
        + ", status="
        + status
        + ", promptTokens="
        + promptTokens
        + ", completionTokens="
        + completionTokens
        + ", costMicros="
        + costMicros
        + ", latencyMillis="
        + latencyMillis
        + ", payload="
        + (payload == null ? "null" : payload.length() + " chars")
        + ", traceId="
        + traceId
        + "]";
  }
}
