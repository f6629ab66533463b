package dev.gantry.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.RouteCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The keys of one request: the exact key (a digest of the normalised request: the counted fields,
 * object keys sorted, text trimmed), the fingerprint (the same without the last user turn's text)
 * and the last user turn's text (what a semantic match compares). Both digests include the route's
 * version, so a configuration change leaves old entries unreachable. Immutable.
 *
 * @param exact SHA-256 hex of the route version and the normalised request
 * @param fingerprint SHA-256 hex of the route version and everything but the last user turn's text
 * @param question the last user turn's text, or null when there is none
 */
record CacheKeys(String exact, String fingerprint, String question) {
  /** Fields that never change the answer, left out of the key unless the route lists them. */
  static final Set<String> IGNORED = Set.of("stream", "stream_options", "user", "metadata");

  static CacheKeys of(ChatRequest request, RouteCache cache, String routeVersion) {
    ObjectNode body = request.json();
    ObjectNode counted = body.objectNode();
    body.fields()
        .forEachRemaining(
            e -> {
              boolean keep =
                  cache.keyFields().isEmpty()
                      ? !IGNORED.contains(e.getKey())
                      : cache.keyFields().contains(e.getKey()) || e.getKey().equals("model");
              if (keep) {
                counted.set(e.getKey(), e.getValue());
              }
            });
    ChatMessage last = request.lastUserMessage();
    String exact = digest(routeVersion, canonical(counted, null));
    String fingerprint =
        digest(routeVersion, canonical(counted, last == null ? null : last.json()));
    return new CacheKeys(exact, fingerprint, last == null ? null : last.text());
  }

  /** True when the request's answer is repeatable: temperature 0 or a {@code seed}. */
  static boolean deterministic(ChatRequest request) {
    JsonNode t = request.json().get("temperature");
    JsonNode seed = request.json().get("seed");
    return (t != null && t.isNumber() && t.asDouble() == 0) || (seed != null && !seed.isNull());
  }

  /**
   * Compact JSON with object keys sorted and strings trimmed; {@code blank}'s content (the last
   * user message, compared by identity) is written as an empty string.
   */
  static String canonical(JsonNode node, JsonNode blank) {
    StringBuilder out = new StringBuilder(256);
    write(node, blank, out);
    return out.toString();
  }

  private static void write(JsonNode node, JsonNode blank, StringBuilder out) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        out.append(i == 0 ? "" : ",");
        out.append(dev.gantry.core.api.Json.MAPPER.getNodeFactory().textNode(names.get(i)));
        out.append(':');
        if (node == blank && names.get(i).equals("content")) {
          out.append("\"\"");
        } else {
          write(o.get(names.get(i)), blank, out);
        }
      }
      out.append('}');
    } else if (node instanceof ArrayNode a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(a.get(i), blank, out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      out.append(dev.gantry.core.api.Json.MAPPER.getNodeFactory().textNode(node.asText().strip()));
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.append(node);
    }
  }

  static String digest(String version, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(version.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
