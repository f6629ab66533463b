package dev.gantry.eval.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.eval.internal.DiskCache;
import dev.gantry.eval.internal.Hashes;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Final responses on disk under {@code <dir>/responses}, keyed by SHA-256 of the target's identity,
 * the request path and the canonical request JSON. Only responses that would not be retried are
 * stored (status below 500 and not 429 or 408), so a flaky run does not freeze a failure. A hit
 * keeps the status, headers, body and the latency measured when it was first sent. Thread-safe.
 */
public final class ResponseCache {
  private final DiskCache disk;

  /**
   * @param dir the cache directory; responses go to its {@code responses} subdirectory
   */
  public ResponseCache(Path dir) {
    this.disk = new DiskCache(dir.resolve("responses"));
  }

  /**
   * The key of a request.
   *
   * @param target what identifies the system answering: its URL, or a hash of the configuration the
   *     gateway was started from
   */
  public static String key(String target, String path, JsonNode body) {
    return Hashes.sha256("response-v1", target, path, Hashes.canonical(body));
  }

  /** The cached response, marked {@code cached}, or null. */
  public HttpOutcome.Received get(String key) {
    JsonNode n = disk.get(key);
    if (n == null || !n.path("status").isInt() || !n.path("body").isTextual()) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("headers").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      headers.put(e.getKey(), e.getValue().asText());
    }
    return new HttpOutcome.Received(
        n.get("status").intValue(),
        headers,
        n.get("body").textValue(),
        n.path("latency_ms").asLong(0),
        0,
        true);
  }

  /** Stores {@code response} when it is final; returns whether it was stored. */
  public boolean put(String key, HttpOutcome.Received response) {
    int s = response.status();
    if (s >= 500 || s == 429 || s == 408 || response.cached()) {
      return false;
    }
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("status", s);
    ObjectNode headers = n.putObject("headers");
    response.headers().forEach(headers::put);
    n.put("body", response.body());
    n.put("latency_ms", response.latencyMs());
    disk.put(key, n);
    return true;
  }
}
