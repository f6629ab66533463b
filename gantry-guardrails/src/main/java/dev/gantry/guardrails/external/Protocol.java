package dev.gantry.guardrails.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.guardrails.CheckContext;
import java.net.URI;

/**
 * One external server's wire format: where to send a text and how to read the answer. Stateless and
 * thread-safe.
 */
interface Protocol {

  /** The URL to POST to, given the configured base URL and target. */
  URI endpoint(URI base, String target);

  /** The JSON body for checking {@code text}. */
  ObjectNode request(String text, String target, CheckContext context);

  /**
   * The verdict in a 2xx answer.
   *
   * @throws IllegalStateException when the answer does not have the documented shape
   */
  ExternalVerdict verdict(String text, JsonNode answer, CheckContext context);
}
