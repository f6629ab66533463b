package dev.gantry.gateway.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.MonitoringConfig.Webhook;
import dev.gantry.core.config.MonitoringConfig.WebhookFormat;
import dev.gantry.core.events.AlertChanged;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends firing and resolved notifications to the configured webhooks, each in its format (Gantry's
 * JSON or a Slack incoming-webhook message), asynchronously and once (a failure is logged and
 * counted; the next change is sent again). Shared and thread-safe.
 */
public final class Webhooks {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  private final List<Webhook> hooks;
  private final HttpClient client;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Webhooks(List<Webhook> hooks) {
    this.hooks = List.copyOf(hooks);
    this.client =
        hooks.isEmpty()
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Notifications delivered (2xx) and failed so far. */
  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Sends {@code change} to the hooks named in {@code only}, or to all when it is empty. */
  void send(AlertChanged change, List<String> only) {
    for (Webhook hook : hooks) {
      if (!only.isEmpty() && !only.contains(hook.name())) {
        continue;
      }
      String body =
          Json.toString(hook.format() == WebhookFormat.SLACK ? slack(change) : json(change));
      HttpRequest request =
          HttpRequest.newBuilder(hook.url())
              .timeout(Duration.ofSeconds(10))
              .header("content-type", "application/json")
              .header("user-agent", "gantry-alerts")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                if (error == null && response.statusCode() / 100 == 2) {
                  sent.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                  LOG.warn(
                      "alert webhook '{}' failed for {}: {}",
                      hook.name(),
                      change.name(),
                      error != null ? error.toString() : "status " + response.statusCode());
                }
              });
    }
  }

  /** Gantry's own notification body. */
  static ObjectNode json(AlertChanged c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("source", "gantry");
    o.put("status", c.firing() ? "firing" : "resolved");
    o.put("alert", c.name());
    o.put("severity", c.severity());
    o.put("summary", c.summary());
    number(o, "value", c.value());
    number(o, "threshold", c.threshold());
    o.put("at", c.at().toString());
    o.set("labels", Json.MAPPER.valueToTree(c.labels()));
    return o;
  }

  /** A Slack incoming-webhook message: a text line and one coloured attachment with the labels. */
  static ObjectNode slack(AlertChanged c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    String status = c.firing() ? "FIRING" : "RESOLVED";
    o.put(
        "text",
        (c.firing() ? ":rotating_light: " : ":white_check_mark: ")
            + "["
            + status
            + "] "
            + c.name()
            + " ("
            + c.severity()
            + "): "
            + c.summary());
    ArrayNode attachments = o.putArray("attachments");
    ObjectNode a = attachments.addObject();
    a.put("color", c.firing() ? "#d00000" : "#2eb886");
    a.put("fallback", status + " " + c.name());
    ArrayNode fields = a.putArray("fields");
    field(fields, "value", format(c.value()));
    field(fields, "threshold", format(c.threshold()));
    for (Map.Entry<String, String> l : c.labels().entrySet()) {
      field(fields, l.getKey(), l.getValue());
    }
    a.put("ts", c.at().getEpochSecond());
    return o;
  }

  private static void field(ArrayNode fields, String title, String value) {
    fields.addObject().put("title", title).put("value", value).put("short", true);
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static String format(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
  }
}
