package dev.gantry.sim;

import java.util.List;
import java.util.Set;

/**
 * One configured fault. {@code rate} is the probability (0..1) that it fires on a request it
 * applies to; {@code first}, when positive, limits it to the first that many applicable requests
 * (and then {@code rate} defaults to 1). {@code models} (empty = all) filters by request model or
 * Azure deployment. Immutable.
 *
 * @param status HTTP status for {@link Kind#STATUS}
 * @param retryAfterSeconds the {@code Retry-After} header in seconds, or -1 for none
 * @param afterChunks how many stream events are sent before a {@link Kind#RESET}
 */
record Fault(
    Kind kind,
    int status,
    int retryAfterSeconds,
    int afterChunks,
    double rate,
    int first,
    Set<String> models) {

  enum Kind {
    /** Answer with an error status in the provider's error shape. */
    STATUS,
    /** Accept the request and never send a byte. */
    HANG,
    /** Streaming only: close the connection abruptly after {@code afterChunks} events. */
    RESET,
    /** Send one stream event (or the whole non-streaming body) that is not valid JSON. */
    MALFORMED
  }

  Fault {
    models = Set.copyOf(models);
  }

  /** Whether this fault is considered at all for a request (before its rate is rolled). */
  boolean appliesTo(String model, boolean stream) {
    if (kind == Kind.RESET && !stream) {
      return false;
    }
    return models.isEmpty() || models.contains(model);
  }

  static Fault parse(YamlNode node) {
    node.asMap(Set.of("type", "status", "retry_after", "after_chunks", "rate", "first", "models"));
    String type = node.get("type").asString();
    Kind kind;
    switch (type) {
      case "status" -> kind = Kind.STATUS;
      case "hang" -> kind = Kind.HANG;
      case "reset" -> kind = Kind.RESET;
      case "malformed" -> kind = Kind.MALFORMED;
      default ->
          throw node.get("type")
              .error(
                  "unknown fault type \""
                      + type
                      + "\"; expected one of status, hang, reset, malformed");
    }
    int status = 0;
    if (kind == Kind.STATUS) {
      if (node.get("status").isNull()) {
        throw node.get("status").error("required for a status fault (400..599)");
      }
      status = node.get("status").asInt(400, 599, 500);
    }
    int first = node.get("first").asInt(0, Integer.MAX_VALUE, 0);
    double rate = node.get("rate").asDouble(0, 1, first > 0 ? 1.0 : Double.NaN);
    if (Double.isNaN(rate)) {
      throw node.get("rate").error("required (0..1) unless `first` is given");
    }
    List<String> models = node.get("models").asStringList();
    return new Fault(
        kind,
        status,
        node.get("retry_after").asInt(0, 86_400, -1),
        node.get("after_chunks").asInt(0, 1_000_000, 1),
        rate,
        first,
        Set.copyOf(models));
  }
}
