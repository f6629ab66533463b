package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A gateway's answer to one case, as assertions see it. Built from an HTTP response by {@link
 * #fromResponse}, which reads the gateway contract:
 *
 * <ul>
 *   <li>text: {@code choices[0].message.content} (text parts joined), or the tool calls as JSON
 *       when there is no content; empty for an error response
 *   <li>guardrail block: HTTP 400 whose {@code error.type} is {@code guardrail_rejected} (the check
 *       is {@code error.code}), or any response carrying {@code x-gantry-guardrail: <check>} (such
 *       as a 200 with {@code finish_reason: content_filter})
 *   <li>sources: the top-level {@code gantry_sources} array, best first, else the comma-separated
 *       {@code x-gantry-sources} header
 *   <li>cost: header {@code x-gantry-cost-usd} as an exact decimal, null when absent or unreadable
 * </ul>
 *
 * @param status HTTP status
 * @param body the parsed JSON body, or null when it was not JSON
 * @param headers response headers with lower-case names (values of repeated headers joined by
 *     {@code ", "})
 * @param latencyMs client-side latency of the request in milliseconds
 * @param costUsd cost in USD, or null when unknown
 * @param blockedBy the guardrail check that blocked the request, or null when it was allowed
 * @param errorMessage {@code error.message} of an error body, or null
 */
public record CaseOutput(
    String text,
    int status,
    JsonNode body,
    Map<String, String> headers,
    long latencyMs,
    BigDecimal costUsd,
    String finishReason,
    String blockedBy,
    String errorMessage,
    List<Source> sources) {
  public CaseOutput {
    Objects.requireNonNull(text, "text");
    headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
    sources = List.copyOf(sources);
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
    }
  }

  /** A plain 200 answer with only text, for tests and for checks that need nothing else. */
  public static CaseOutput ofText(String text) {
    return new CaseOutput(text, 200, null, Map.of(), 0, null, "stop", null, null, List.of());
  }

  /** Reads a gateway response. */
  public static CaseOutput fromResponse(
      int status, Map<String, String> headers, String bodyText, long latencyMs) {
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    JsonNode body =
        bodyText == null ? null : Json.tryParse(bodyText.getBytes(StandardCharsets.UTF_8));
    if (body != null && !body.isContainerNode()) {
      body = null;
    }
    String text = "";
    String finish = null;
    String error = null;
    String blocked = nonBlank(lower.get("x-gantry-guardrail"));
    if (body != null) {
      JsonNode choice = body.path("choices").path(0);
      if (status / 100 == 2 && !choice.isMissingNode()) {
        text = content(choice.path("message"));
        finish =
            choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
      }
      JsonNode err = body.path("error");
      if (err.isObject()) {
        error = err.path("message").isTextual() ? err.get("message").asText() : null;
        if (status == 400 && "guardrail_rejected".equals(err.path("type").asText())) {
          String code = nonBlank(err.path("code").isTextual() ? err.get("code").asText() : null);
          blocked = code != null ? code : blocked != null ? blocked : "unknown";
        }
      }
    }
    return new CaseOutput(
        text,
        status,
        body,
        lower,
        latencyMs,
        cost(lower.get("x-gantry-cost-usd")),
        finish,
        blocked,
        error,
        sources(body, lower.get("x-gantry-sources")));
  }

  /** Whether a guardrail blocked the request. */
  public boolean blocked() {
    return blockedBy != null;
  }

  private static String content(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.textValue();
    }
    if (content.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          b.append(part.get("text").textValue());
        }
      }
      return b.toString();
    }
    JsonNode calls = message.path("tool_calls");
    return calls.isArray() && !calls.isEmpty() ? Json.toString(calls) : "";
  }

  private static List<Source> sources(JsonNode body, String header) {
    List<Source> out = new ArrayList<>();
    JsonNode array = body == null ? null : body.get("gantry_sources");
    if (array != null && array.isArray()) {
      for (JsonNode s : array) {
        String id = s.path("id").asText("");
        String document = s.path("document").asText("");
        if (document.isEmpty()) {
          int hash = id.indexOf('#');
          document = hash >= 0 ? id.substring(0, hash) : id;
        }
        if (id.isEmpty()) {
          id = document;
        }
        if (document.isEmpty()) {
          continue;
        }
        out.add(
            new Source(
                id,
                document,
                s.path("title").isTextual() ? s.get("title").asText() : null,
                s.path("score").isNumber() ? s.get("score").doubleValue() : Double.NaN));
      }
      return out;
    }
    if (header != null) {
      for (String doc : header.split(",")) {
        String d = doc.strip();
        if (!d.isEmpty()) {
          out.add(new Source(d, d, null, Double.NaN));
        }
      }
    }
    return out;
  }

  private static BigDecimal cost(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      BigDecimal v = new BigDecimal(header.strip());
      return v.signum() < 0 ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
