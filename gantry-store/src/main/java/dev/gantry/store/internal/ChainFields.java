package dev.gantry.store.internal;

/**
 * The hashed content of one audit record, exactly as stored: request columns are null in admin
 * records and the other way round. The customer and the payload appear only as commitments. Times
 * are epoch milliseconds. {@code traceId} (the W3C trace id, 32 lowercase hex digits) is null in
 * records written before the column existed and in records of requests without a trace; such
 * records hash exactly as they always did (see {@link ChainHash}).
 */
record ChainFields(
    String kind,
    long ts,
    String tenant,
    String requestId,
    String keyId,
    String customerCommit,
    String route,
    String deployment,
    Integer status,
    String verdicts,
    Long promptTokens,
    Long completionTokens,
    Long costMicros,
    Long latencyMs,
    String payloadCommit,
    String actorKeyId,
    String action,
    String objectType,
    String objectId,
    String beforeJson,
    String afterJson,
    String traceId) {
  static final String REQUEST = "request";
  static final String ADMIN = "admin";

  /** Fields of a record without a trace id. */
  ChainFields(
      String kind,
      long ts,
      String tenant,
      String requestId,
      String keyId,
      String customerCommit,
      String route,
      String deployment,
      Integer status,
      String verdicts,
      Long promptTokens,
      Long completionTokens,
      Long costMicros,
      Long latencyMs,
      String payloadCommit,
      String actorKeyId,
      String action,
      String objectType,
      String objectId,
      String beforeJson,
      String afterJson) {
    this(
        kind,
        ts,
        tenant,
        requestId,
        keyId,
        customerCommit,
        route,
        deployment,
        status,
        verdicts,
        promptTokens,
        completionTokens,
        costMicros,
        latencyMs,
        payloadCommit,
        actorKeyId,
        action,
        objectType,
        objectId,
        beforeJson,
        afterJson,
        null);
  }
}
