package dev.gantry.store.responses;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored response.
 *
 * @param id the response id the client sees ({@code resp_…})
 * @param tenant the tenant that created it; only that tenant may read or delete it
 * @param body the response and its conversation as UTF-8 JSON (not copied; do not change it)
 * @param expiresAt after this instant it is gone (not returned, and removed by {@link
 *     ResponseStore#purgeExpired})
 */
public record StoredResponse(
    String id, String tenant, Instant createdAt, Instant expiresAt, byte[] body) {
  public StoredResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    return "StoredResponse[id=" + id + ", tenant=" + tenant + ", bytes=" + body.length + "]";
  }
}
