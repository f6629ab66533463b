package dev.gantry.store.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One request in the spend ledger. Token counts follow the OpenAI convention (cached tokens and
 * cache writes are parts of {@code promptTokens}, reasoning is part of {@code completionTokens});
 * amounts are USD micro-units.
 *
 * @param day the request's calendar day in the configured time zone (groups reports by day/month)
 * @param tags attribution tags, each without commas
 * @param costMicros the request's cost (when {@code costStatus} is {@code unknown}: its known part)
 * @param costStatus {@code exact}, {@code estimated} or {@code unknown}
 */
public record SpendEntry(
    Instant time,
    LocalDate day,
    String requestId,
    String tenant,
    String keyId,
    String customer,
    String route,
    String provider,
    String model,
    String tier,
    List<String> tags,
    int status,
    long promptTokens,
    long cachedTokens,
    long cacheWriteTokens,
    long completionTokens,
    long reasoningTokens,
    long costMicros,
    String costStatus,
    boolean escalated,
    boolean cacheHit,
    int attempts,
    long tokensSaved) {

  public SpendEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(tenant, "tenant");
    tags = List.copyOf(tags == null ? List.of() : tags);
    for (String t : tags) {
      if (t.indexOf(',') >= 0) {
        throw new IllegalArgumentException("a tag must not contain a comma");
      }
    }
    Objects.requireNonNull(costStatus, "costStatus");
    if (!costStatus.equals("exact")
        && !costStatus.equals("estimated")
        && !costStatus.equals("unknown")) {
      throw new IllegalArgumentException("costStatus must be exact, estimated or unknown");
    }
    if (costMicros < 0
        || promptTokens < 0
        || cachedTokens < 0
        || cacheWriteTokens < 0
        || completionTokens < 0
        || reasoningTokens < 0
        || tokensSaved < 0) {
      throw new IllegalArgumentException("amounts and token counts must be >= 0");
    }
  }
}
