package dev.gantry.store.audit;

import java.time.Instant;

/** Audit records for tests. */
public final class Records {
  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private Records() {}

  /** A request of {@code tenant} at {@code T0 + i} seconds, without customer or payload. */
  public static RequestRecord request(String tenant, int i) {
    return request(tenant, i, null, null);
  }

  public static RequestRecord request(String tenant, int i, String customer, String payload) {
    return new RequestRecord(
        T0.plusSeconds(i),
        "req-" + i,
        tenant,
        "key_" + tenant,
        customer,
        "support",
        "gpt-4o-mini@openai",
        200,
        "[{\"stage\":\"pii\",\"verdict\":\"pass\"}]",
        100 + i,
        20,
        i % 3 == 0 ? null : 1234L + i,
        350,
        payload);
  }

  public static AdminRecord admin(String tenant, int i) {
    return new AdminRecord(
        T0.plusSeconds(i),
        tenant,
        "key_admin",
        "key.create",
        "key",
        "key_" + i,
        null,
        "{\"name\":\"svc " + i + "\"}");
  }
}
