package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;

/**
 * Caps the output tokens a request may ask for: {@code max_completion_tokens} and {@code
 * max_tokens} are lowered to the cap when above it; when the request sets neither, the cap is set
 * as {@code max_completion_tokens} (OpenAI's current name, which its reasoning models require and
 * Gantry's Anthropic translation reads). Stateless.
 */
final class OutputCap {
  private OutputCap() {}

  /** The output tokens the request asks for at most, or 0 when it sets no limit. */
  static long requested(ChatRequest request) {
    long a = positive(request.json().get("max_completion_tokens"));
    long b = positive(request.json().get("max_tokens"));
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }

  /** The request with its output capped at {@code cap} tokens; the same request when it fits. */
  static ChatRequest apply(ChatRequest request, int cap) {
    if (cap <= 0) {
      return request;
    }
    long asked = requested(request);
    if (asked > 0 && asked <= cap) {
      return request;
    }
    ObjectNode body = request.copyJson();
    boolean set = false;
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      if (positive(body.get(field)) > cap) {
        body.put(field, cap);
        set = true;
      } else if (positive(body.get(field)) > 0) {
        set = true;
      }
    }
    if (!set) {
      body.put("max_completion_tokens", cap);
    }
    return ChatRequestValidator.validate(body);
  }

  private static long positive(JsonNode n) {
    return n != null && n.canConvertToLong() && n.asLong() > 0 ? n.asLong() : 0;
  }
}
