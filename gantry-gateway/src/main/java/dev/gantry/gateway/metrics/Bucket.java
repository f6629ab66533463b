package dev.gantry.gateway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * What happened on one series (tenant and route) in one period: counts, two latency histograms,
 * spend, tokens, feedback and small breakdowns (errors, spend by model and customer, guardrail
 * triggers by check, upstream attempts by deployment). Also the sum of several buckets. Mutable and
 * not thread-safe: a {@link Rollups} series guards its own; readers get merged copies.
 */
public final class Bucket {
  /** Distinct keys kept per breakdown map in one bucket; the rest are summed as {@code other}. */
  static final int MAP_CAP = 50;

  long requests;
  long serverErrors;
  long clientErrors;
  long fast;
  long degraded;
  long triggered;
  long costMicros;
  long inputTokens;
  long outputTokens;
  long feedbackCount;
  double feedbackSum;
  final LatencyHistogram latency = new LatencyHistogram();
  final LatencyHistogram ttft = new LatencyHistogram();
  final Map<String, Long> errors = new HashMap<>();
  final Map<String, Long> spendByModel = new HashMap<>();
  final Map<String, Long> spendByCustomer = new HashMap<>();
  final Map<String, Long> guardrails = new HashMap<>();
  final Map<String, Long> attempts = new HashMap<>();
  final Map<String, Long> failedAttempts = new HashMap<>();

  public long requests() {
    return requests;
  }

  public long serverErrors() {
    return serverErrors;
  }

  public long clientErrors() {
    return clientErrors;
  }

  /** Requests that finished within their route's SLO latency threshold. */
  public long fast() {
    return fast;
  }

  public long degraded() {
    return degraded;
  }

  /** Requests on which a guardrail triggered (blocked, flagged, redacted or re-asked). */
  public long triggered() {
    return triggered;
  }

  public long costMicros() {
    return costMicros;
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long feedbackCount() {
    return feedbackCount;
  }

  /** Mean feedback score (0..1), NaN without feedback. */
  public double feedbackMean() {
    return feedbackCount == 0 ? Double.NaN : feedbackSum / feedbackCount;
  }

  /** A latency quantile in milliseconds, NaN without requests. */
  public double latencyMillis(double q) {
    return latency.quantileMillis(q);
  }

  /** A time-to-first-token quantile in milliseconds, NaN without streams. */
  public double ttftMillis(double q) {
    return ttft.quantileMillis(q);
  }

  public long streams() {
    return ttft.total;
  }

  /** Mean latency in milliseconds estimated from the histogram, NaN without requests. */
  public double meanLatencyMillis() {
    if (latency.total == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < LatencyHistogram.SIZE; i++) {
      sum += latency.counts[i] * LatencyHistogram.upperMillis(i) / Math.sqrt(1.3);
    }
    return sum / latency.total;
  }

  public Map<String, Long> errors() {
    return Map.copyOf(errors);
  }

  public Map<String, Long> spendByModel() {
    return Map.copyOf(spendByModel);
  }

  public Map<String, Long> spendByCustomer() {
    return Map.copyOf(spendByCustomer);
  }

  public Map<String, Long> guardrails() {
    return Map.copyOf(guardrails);
  }

  public Map<String, Long> attempts() {
    return Map.copyOf(attempts);
  }

  public Map<String, Long> failedAttempts() {
    return Map.copyOf(failedAttempts);
  }

  static void bump(Map<String, Long> map, String key, long n) {
    String k = key == null || key.isEmpty() ? "none" : key;
    if (!map.containsKey(k) && map.size() >= MAP_CAP) {
      k = LabelCap.OTHER;
    }
    map.merge(k, n, Long::sum);
  }

  /** Adds {@code other} into this bucket. */
  void add(Bucket other) {
    requests += other.requests;
    serverErrors += other.serverErrors;
    clientErrors += other.clientErrors;
    fast += other.fast;
    degraded += other.degraded;
    triggered += other.triggered;
    costMicros += other.costMicros;
    inputTokens += other.inputTokens;
    outputTokens += other.outputTokens;
    feedbackCount += other.feedbackCount;
    feedbackSum += other.feedbackSum;
    latency.add(other.latency);
    ttft.add(other.ttft);
    other.errors.forEach((k, v) -> bump(errors, k, v));
    other.spendByModel.forEach((k, v) -> bump(spendByModel, k, v));
    other.spendByCustomer.forEach((k, v) -> bump(spendByCustomer, k, v));
    other.guardrails.forEach((k, v) -> bump(guardrails, k, v));
    other.attempts.forEach((k, v) -> bump(attempts, k, v));
    other.failedAttempts.forEach((k, v) -> bump(failedAttempts, k, v));
  }

  Bucket copy() {
    Bucket b = new Bucket();
    b.add(this);
    return b;
  }

  /** The bucket as compact JSON, for the store. */
  String toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    long[] scalars = {
      requests,
      serverErrors,
      clientErrors,
      fast,
      degraded,
      triggered,
      costMicros,
      inputTokens,
      outputTokens,
      feedbackCount
    };
    ArrayNode s = o.putArray("s");
    for (long v : scalars) {
      s.add(v);
    }
    o.put("fs", feedbackSum);
    o.set("l", sparse(latency));
    o.set("t", sparse(ttft));
    o.set("e", Json.MAPPER.valueToTree(errors));
    o.set("m", Json.MAPPER.valueToTree(spendByModel));
    o.set("c", Json.MAPPER.valueToTree(spendByCustomer));
    o.set("g", Json.MAPPER.valueToTree(guardrails));
    o.set("a", Json.MAPPER.valueToTree(attempts));
    o.set("f", Json.MAPPER.valueToTree(failedAttempts));
    return Json.toString(o);
  }

  static Bucket fromJson(String text) {
    JsonNode o = Json.parseObject(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Bucket b = new Bucket();
    JsonNode s = o.path("s");
    b.requests = s.path(0).asLong();
    b.serverErrors = s.path(1).asLong();
    b.clientErrors = s.path(2).asLong();
    b.fast = s.path(3).asLong();
    b.degraded = s.path(4).asLong();
    b.triggered = s.path(5).asLong();
    b.costMicros = s.path(6).asLong();
    b.inputTokens = s.path(7).asLong();
    b.outputTokens = s.path(8).asLong();
    b.feedbackCount = s.path(9).asLong();
    b.feedbackSum = o.path("fs").asDouble();
    unsparse(o.path("l"), b.latency);
    unsparse(o.path("t"), b.ttft);
    map(o.path("e"), b.errors);
    map(o.path("m"), b.spendByModel);
    map(o.path("c"), b.spendByCustomer);
    map(o.path("g"), b.guardrails);
    map(o.path("a"), b.attempts);
    map(o.path("f"), b.failedAttempts);
    return b;
  }

  private static ObjectNode sparse(LatencyHistogram h) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    for (int i = 0; i < LatencyHistogram.SIZE; i++) {
      if (h.counts[i] != 0) {
        o.put(Integer.toString(i), h.counts[i]);
      }
    }
    return o;
  }

  private static void unsparse(JsonNode o, LatencyHistogram h) {
    o.fields()
        .forEachRemaining(
            e -> {
              int i = Integer.parseInt(e.getKey());
              if (i >= 0 && i < LatencyHistogram.SIZE) {
                h.counts[i] += e.getValue().asLong();
                h.total += e.getValue().asLong();
              }
            });
  }

  private static void map(JsonNode o, Map<String, Long> into) {
    o.fields().forEachRemaining(e -> bump(into, e.getKey(), e.getValue().asLong()));
  }
}
