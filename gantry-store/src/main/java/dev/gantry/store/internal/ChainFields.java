package dev.gantry.store.internal;

/**
 * The hashed content of one audit record, exactly as stored: request columns are null in admin
 * records and the other way round. The customer and the payload appear only as commitments. Times
 * are epoch milliseconds.
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
    String afterJson) {
  static final String REQUEST = "request";
  static final String ADMIN = "admin";
}
