package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;

/**
 * Converts an Anthropic {@code message} object into an OpenAI {@code chat.completion}, and holds
 * the mappings the stream shares (finish reason, usage). Text blocks are concatenated as they are
 * (Anthropic splits one answer into several blocks around citations); thinking and server-tool
 * blocks are not shown. Stateless.
 */
final class OpenAiToAnthropicResponse {
  private OpenAiToAnthropicResponse() {}

  /**
   * @param created the {@code created} field, epoch seconds
   * @param requestedModel the model named when the body names none
   * @throws UpstreamFailure when the body is not JSON or not a message
   */
  static ObjectNode completion(byte[] body, long created, String requestedModel) {
    JsonNode root = Json.tryParse(body);
    if (root == null || !root.isObject()) {
      throw OpenAiToAnthropicErrors.invalid("the body is not a JSON object.");
    }
    if ("error".equals(root.path("type").asText())) {
      throw new UpstreamFailure(OpenAiToAnthropicErrors.fromEvent(root));
    }
    JsonNode id = root.get("id");
    JsonNode content = root.get("content");
    if (id == null || !id.isTextual() || content == null || !content.isArray()) {
      throw OpenAiToAnthropicErrors.invalid("expected a message with an 'id' and 'content' array.");
    }
    StringBuilder text = new StringBuilder();
    boolean hasText = false;
    ArrayNode toolCalls = Json.MAPPER.createArrayNode();
    for (JsonNode block : content) {
      String type = block.path("type").asText();
      if ("text".equals(type)) {
        hasText = true;
        text.append(block.path("text").asText());
      } else if ("tool_use".equals(type)) {
        ObjectNode call = toolCalls.addObject();
        call.put("id", block.path("id").asText());
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", block.path("name").asText());
        JsonNode input = block.get("input");
        fn.put("arguments", input == null || input.isNull() ? "{}" : Json.toString(input));
      }
    }

    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", "chatcmpl-" + id.asText());
    out.put("object", "chat.completion");
    out.put("created", created);
    out.put("model", root.path("model").asText(requestedModel));
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (hasText) {
      message.put("content", text.toString());
    } else {
      message.putNull("content");
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(root.path("stop_reason").asText(null)));
    JsonNode usage = root.path("usage");
    out.set("usage", usage(usage));
    return out;
  }

  /** OpenAI's finish reason for an Anthropic stop reason; "stop" for unknown or missing ones. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop"; // end_turn, stop_sequence, pause_turn
    };
  }

  /** Input tokens as OpenAI counts them: uncached plus cache writes plus cache reads. */
  static long promptTokens(JsonNode usage) {
    return usage.path("input_tokens").asLong(0)
        + usage.path("cache_creation_input_tokens").asLong(0)
        + usage.path("cache_read_input_tokens").asLong(0);
  }

  /**
   * An OpenAI {@code usage} object for Anthropic's usage: {@code prompt_tokens} counts every input
   * token (uncached, cache writes and cache reads, which Anthropic reports apart), {@code
   * prompt_tokens_details.cached_tokens} the cache reads; Anthropic's own cache fields ({@code
   * cache_read_input_tokens}, {@code cache_creation_input_tokens} and the per-TTL {@code
   * cache_creation} split) are passed along for clients that read them and for pricing.
   */
  static ObjectNode usage(JsonNode anthropic) {
    long prompt = promptTokens(anthropic);
    long completion = anthropic.path("output_tokens").asLong(0);
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    long read = anthropic.path("cache_read_input_tokens").asLong(0);
    long written = anthropic.path("cache_creation_input_tokens").asLong(0);
    if (read > 0 || written > 0) {
      usage.putObject("prompt_tokens_details").put("cached_tokens", read);
      usage.put("cache_read_input_tokens", read);
      usage.put("cache_creation_input_tokens", written);
      JsonNode split = anthropic.get("cache_creation");
      if (split != null && split.isObject()) {
        usage.set("cache_creation", split.deepCopy());
      }
    }
    return usage;
  }
}
