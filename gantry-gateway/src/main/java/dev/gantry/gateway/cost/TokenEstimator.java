package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.tokens.TokenCounter;

/**
 * Gantry's own token count of a chat request, for budgets, worst-case reservations and estimated
 * costs: the {@code o200k_base} tokens of every message's text and tool-call arguments plus 4 per
 * message and 3 for the reply's priming (OpenAI's accounting for chat formats), the JSON of tool
 * definitions and of a requested JSON schema, and {@value #IMAGE_TOKENS} per image part (an upper
 * bound for one high-detail 1024×1024 image). Other providers' tokenizers count differently, which
 * is why reservations add {@code cost.estimate_margin}. Stateless and thread-safe.
 */
public final class TokenEstimator {
  static final int PER_MESSAGE = 4;
  static final int PRIMING = 3;
  static final int IMAGE_TOKENS = 1_000;

  private final TokenCounter counter;

  public TokenEstimator(TokenCounter counter) {
    this.counter = counter;
  }

  public static TokenEstimator defaults() {
    return new TokenEstimator(TokenCounter.defaultCounter());
  }

  /** Input tokens of a request as it would be sent. */
  public long input(ChatRequest request) {
    long n = PRIMING;
    for (ChatMessage m : request.messages()) {
      n += message(m);
    }
    JsonNode tools = request.json().get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      n += counter.count(Json.toString(tools));
    }
    JsonNode schema = request.json().path("response_format").get("json_schema");
    if (schema != null && !schema.isNull()) {
      n += counter.count(Json.toString(schema));
    }
    return n;
  }

  /** Tokens of one message: its text, tool-call arguments and images, plus the per-message 4. */
  public long message(ChatMessage m) {
    long n = PER_MESSAGE + counter.count(m.text());
    JsonNode content = m.json().get("content");
    if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        String type = part.path("type").asText();
        if (type.equals("image_url") || type.equals("input_image") || type.equals("image")) {
          n += IMAGE_TOKENS;
        }
      }
    }
    JsonNode calls = m.json().get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (JsonNode call : calls) {
        n += counter.count(call.path("function").path("name").asText(""));
        n += counter.count(call.path("function").path("arguments").asText(""));
      }
    }
    return n;
  }

  /** Tokens of a piece of output text. */
  public long text(String text) {
    return counter.count(text);
  }
}
