package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * is why reservations add {@code cost.estimate_margin}. Counts of texts up to {@value
 * #CACHED_CHARS} characters are kept in a bounded cache ({@value #CACHE_SIZE} texts), since system
 * prompts and tool definitions repeat from request to request. Thread-safe.
 */
public final class TokenEstimator {
  static final int PER_MESSAGE = 4;
  static final int PRIMING = 3;
  static final int IMAGE_TOKENS = 1_000;
  static final int CACHE_SIZE = 10_000;
  static final int CACHED_CHARS = 32_768;

  private final TokenCounter counter;
  private final Cache<String, Integer> counts =
      Caffeine.newBuilder().executor(Runnable::run).maximumSize(CACHE_SIZE).build();

  public TokenEstimator(TokenCounter counter) {
    this.counter = counter;
  }

  private long count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    if (text.length() > CACHED_CHARS) {
      return counter.count(text);
    }
    return counts.get(text, counter::count);
  }

  /** A new estimator (with its own cache) on the {@code o200k_base} encoding. */
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
      n += count(Json.toString(tools));
    }
    JsonNode schema = request.json().path("response_format").get("json_schema");
    if (schema != null && !schema.isNull()) {
      n += count(Json.toString(schema));
    }
    return n;
  }

  /** Tokens of one message: its text, tool-call arguments and images, plus the per-message 4. */
  public long message(ChatMessage m) {
    long n = PER_MESSAGE + count(m.text());
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
        n += count(call.path("function").path("name").asText(""));
        n += count(call.path("function").path("arguments").asText(""));
      }
    }
    return n;
  }

  /** Tokens of a piece of output text. */
  public long text(String text) {
    return text == null ? 0 : counter.count(text);
  }
}
