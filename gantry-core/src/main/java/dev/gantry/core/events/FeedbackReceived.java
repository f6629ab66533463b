package dev.gantry.core.events;

import java.util.List;

/**
 * A user rated an answer through {@code POST /v1/feedback}.
 *
 * @param score the rating normalised to 0..1 (thumbs down 0, up 1; 1..5 stars as (n-1)/4)
 * @param kind {@code thumbs} or {@code stars}
 * @param route the rated request's route, or null when the request is not known any more
 * @param model the deployment that answered it, or null
 */
public record FeedbackReceived(
    String requestId,
    String tenant,
    String customer,
    String route,
    String model,
    String kind,
    double score,
    List<String> tags)
    implements GantryEvent {
  public FeedbackReceived {
    tags = List.copyOf(tags);
  }
}
