package dev.gantry.eval.http;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What came of one request, after any retries: a response, or no response at all. */
public sealed interface HttpOutcome permits HttpOutcome.Received, HttpOutcome.Failed {

  /** How many attempts were made (1 with no retry; 0 for a cache hit). */
  int attempts();

  /**
   * An HTTP response (of any status).
   *
   * @param headers lower-case names; repeated headers joined with {@code ", "}
   * @param latencyMs client-side milliseconds from sending the last attempt to reading its body
   * @param cached whether it was read from the response cache instead of being sent
   */
  record Received(
      int status,
      Map<String, String> headers,
      String body,
      long latencyMs,
      int attempts,
      boolean cached)
      implements HttpOutcome {
    public Received {
      headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
      Objects.requireNonNull(body, "body");
    }

    public Received asCached() {
      return new Received(status, headers, body, latencyMs, 0, true);
    }
  }

  /**
   * No response: the connection failed, timed out or broke.
   *
   * @param unreachable whether the target could not be connected to at all
   */
  record Failed(String reason, int attempts, boolean unreachable) implements HttpOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
