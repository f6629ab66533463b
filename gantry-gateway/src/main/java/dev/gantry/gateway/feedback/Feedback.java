package dev.gantry.gateway.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.FeedbackReceived;
import dev.gantry.core.security.Principal;
import dev.gantry.store.monitoring.FeedbackRecord;
import dev.gantry.store.monitoring.MonitoringStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Takes one rating: checks the body field by field, finds the rated request among the recent ones
 * (a request of another tenant is reported as unknown, so its existence is not revealed), stores
 * the rating and publishes {@link FeedbackReceived}. Shared and thread-safe; {@link #submit} does
 * blocking store work and runs on a worker.
 */
public final class Feedback {
  static final Set<String> FIELDS = Set.of("request_id", "score", "thumbs", "comment", "tags");
  static final int MAX_COMMENT = 2000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 64;

  private final RecentRequests recent;
  private final MonitoringStore store;
  private final EventBus events;
  private final Clock clock;

  /**
   * @param store where ratings are kept, or null to keep none (they are still counted)
   */
  public Feedback(RecentRequests recent, MonitoringStore store, EventBus events, Clock clock) {
    this.recent = recent;
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** A validated rating. */
  record Rating(
      String requestId, String kind, int raw, double score, String comment, List<String> tags) {}

  /**
   * Records a rating by {@code who}.
   *
   * @return the stored rating as JSON
   * @throws ApiException 400 for a bad body, 404 for a request that is unknown, too old or another
   *     tenant's
   */
  public ObjectNode submit(Principal who, ObjectNode body) {
    Rating r = parse(body);
    RecentRequests.Info info = recent.get(r.requestId());
    if (info == null || !who.tenant().equals(info.tenant())) {
      throw new ApiException(
          new ApiError(
              404,
              "No recent request '" + clip(r.requestId()) + "' of this tenant to rate.",
              ApiError.INVALID_REQUEST,
              "request_id",
              "request_not_found"));
    }
    if (store != null) {
      store.addFeedback(
          new FeedbackRecord(
              clock.instant(),
              r.requestId(),
              info.tenant(),
              who.keyId(),
              info.customer(),
              info.route(),
              info.model(),
              r.kind(),
              r.raw(),
              r.score(),
              r.comment(),
              r.tags()));
    }
    events.publish(
        new FeedbackReceived(
            r.requestId(),
            info.tenant(),
            info.customer(),
            info.route(),
            info.model(),
            r.kind(),
            r.score(),
            r.tags()));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "feedback");
    out.put("request_id", r.requestId());
    out.put("route", info.route());
    out.put("model", info.model());
    out.put("kind", r.kind());
    out.put("score", r.score());
    return out;
  }

  static Rating parse(ObjectNode body) {
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw bad("Unknown field '" + clip(f) + "'; allowed " + FIELDS + ".", f);
              }
            });
    JsonNode id = body.get("request_id");
    if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 128) {
      throw bad(
          "'request_id' must be the x-request-id of an answer (1..128 characters).", "request_id");
    }
    JsonNode score = body.get("score");
    JsonNode thumbs = body.get("thumbs");
    if ((score == null) == (thumbs == null)) {
      throw bad("Send exactly one of 'score' (1..5) or 'thumbs' (\"up\" or \"down\").", "score");
    }
    String kind;
    int raw;
    double normal;
    if (score != null) {
      if (!score.isIntegralNumber() || score.asInt() < 1 || score.asInt() > 5) {
        throw bad("'score' must be an integer from 1 to 5.", "score");
      }
      kind = "stars";
      raw = score.asInt();
      normal = (raw - 1) / 4.0;
    } else {
      if (!thumbs.isTextual() || !Set.of("up", "down").contains(thumbs.asText())) {
        throw bad("'thumbs' must be \"up\" or \"down\".", "thumbs");
      }
      kind = "thumbs";
      raw = thumbs.asText().equals("up") ? 1 : 0;
      normal = raw;
    }
    JsonNode comment = body.get("comment");
    if (comment != null
        && !comment.isNull()
        && (!comment.isTextual() || comment.asText().length() > MAX_COMMENT)) {
      throw bad("'comment' must be a string of at most " + MAX_COMMENT + " characters.", "comment");
    }
    List<String> tags = new ArrayList<>();
    JsonNode t = body.get("tags");
    if (t != null && !t.isNull()) {
      if (!t.isArray() || t.size() > MAX_TAGS) {
        throw bad("'tags' must be an array of at most " + MAX_TAGS + " strings.", "tags");
      }
      for (JsonNode tag : t) {
        if (!tag.isTextual()
            || tag.asText().isBlank()
            || tag.asText().length() > MAX_TAG
            || tag.asText().indexOf('\n') >= 0) {
          throw bad(
              "Each tag must be a single-line string of 1.." + MAX_TAG + " characters.", "tags");
        }
        tags.add(tag.asText());
      }
    }
    return new Rating(
        id.asText(),
        kind,
        raw,
        normal,
        comment == null || comment.isNull() ? null : comment.asText(),
        tags);
  }

  private static ApiException bad(String message, String param) {
    return new ApiException(ApiError.invalid(message, param, "invalid_feedback"));
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
