package dev.gantry.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.IOException;

/**
 * Reads JSON out of model output: the whole text, trimmed, optionally wrapped in one Markdown code
 * fence (three backticks, with or without a {@code json} tag), as models often do. Anything else
 * around the JSON makes it not JSON. Stateless.
 */
public final class JsonText {
  private JsonText() {}

  /** The parsed value, or null when the text is not one JSON value. */
  public static JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    String t = unfence(text.strip());
    if (t.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(t);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  /** Why the text is not JSON, for messages; null when it is. */
  public static String problem(String text) {
    String t = unfence(text == null ? "" : text.strip());
    if (t.isEmpty()) {
      return "the output is empty";
    }
    try {
      Json.MAPPER.readTree(t);
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "not JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      return "not JSON: " + e.getMessage();
    }
  }

  static String unfence(String t) {
    if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
      String inner = t.substring(3, t.length() - 3);
      int newline = inner.indexOf('\n');
      if (newline >= 0 && inner.substring(0, newline).strip().matches("[A-Za-z0-9_-]*")) {
        inner = inner.substring(newline + 1);
      }
      return inner.strip();
    }
    return t;
  }
}
