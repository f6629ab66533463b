package dev.gantry.store.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's rating of one answer.
 *
 * @param score normalised to 0..1
 * @param kind {@code thumbs} or {@code stars}
 * @param raw the rating as given (0/1 for thumbs, 1..5 for stars)
 * @param route the rated request's route, or null when it is not known
 * @param model the deployment that answered, or null
 */
public record FeedbackRecord(
    Instant time,
    String requestId,
    String tenant,
    String keyId,
    String customer,
    String route,
    String model,
    String kind,
    int raw,
    double score,
    String comment,
    List<String> tags) {
  public FeedbackRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(tenant, "tenant");
    tags = List.copyOf(tags);
  }
}
