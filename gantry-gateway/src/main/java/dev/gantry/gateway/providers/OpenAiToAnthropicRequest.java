package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the body of one Anthropic Messages API request from the client's OpenAI chat request.
 *
 * <p>Mapping notes: OpenAI's temperature range 0..2 is clamped to Anthropic's 0..1 (values above 1
 * become 1, values below are sent unchanged). OpenAI-only knobs without an Anthropic equivalent are
 * dropped (see {@link #DROPPED}). Any other field OpenAI does not define is forwarded untouched, so
 * Anthropic-native extras such as {@code top_k} or {@code thinking} reach the upstream; a forwarded
 * field never replaces one this translation produced. Stateless.
 */
final class OpenAiToAnthropicRequest {
  /** Anthropic requires {@code max_tokens}; used when the client gives no limit. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  static final String JSON_INSTRUCTION =
      "Respond with a single valid JSON object and nothing else.";

  /** OpenAI fields with no Anthropic equivalent: silently dropped. */
  static final Set<String> DROPPED =
      Set.of(
          "seed",
          "logprobs",
          "top_logprobs",
          "presence_penalty",
          "frequency_penalty",
          "logit_bias",
          "store",
          "service_tier",
          "metadata",
          "stream_options",
          "prediction",
          "modalities",
          "audio",
          "reasoning_effort",
          "web_search_options",
          "verbosity",
          "prompt_cache_key",
          "safety_identifier");

  /** OpenAI fields this class translates (never forwarded as they are). */
  private static final Set<String> TRANSLATED =
      Set.of(
          "model",
          "messages",
          "max_tokens",
          "max_completion_tokens",
          "temperature",
          "top_p",
          "stop",
          "stream",
          "user",
          "tools",
          "tool_choice",
          "parallel_tool_calls",
          "response_format",
          "n",
          "functions",
          "function_call");

  private OpenAiToAnthropicRequest() {}

  /**
   * @param model the upstream model name
   * @throws ApiException with a 400 error when the request asks for something Anthropic cannot do
   */
  static ObjectNode body(ChatRequest original, String model) {
    ObjectNode in = original.copyJson();
    rejectUnsupported(in);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("model", model);

    OpenAiToAnthropicMessages.Converted converted =
        OpenAiToAnthropicMessages.convert(in.get("messages"));
    List<String> system = new ArrayList<>(converted.system());
    String jsonInstruction = jsonInstruction(in.get("response_format"));
    if (jsonInstruction != null) {
      system.add(jsonInstruction);
    }
    if (converted.systemCached()) {
      // cache_control marks need the block form of the system prompt
      ArrayNode blocks = out.putArray("system");
      converted.systemBlocks().forEach(blocks::add);
      if (jsonInstruction != null) {
        blocks.addObject().put("type", "text").put("text", jsonInstruction);
      }
    } else if (!system.isEmpty()) {
      out.put("system", String.join("\n\n", system));
    }
    out.set("messages", converted.messages());

    JsonNode maxTokens = first(in, "max_completion_tokens", "max_tokens");
    if (maxTokens != null) {
      out.set("max_tokens", maxTokens);
    } else {
      out.put("max_tokens", DEFAULT_MAX_TOKENS);
    }
    JsonNode temperature = in.get("temperature");
    if (present(temperature)) {
      if (temperature.doubleValue() > 1.0) {
        out.put("temperature", 1.0);
      } else {
        out.set("temperature", temperature);
      }
    }
    copyIfPresent(in, "top_p", out, "top_p");
    JsonNode stop = in.get("stop");
    if (present(stop)) {
      ArrayNode sequences = out.putArray("stop_sequences");
      if (stop.isTextual()) {
        sequences.add(stop);
      } else {
        sequences.addAll((ArrayNode) stop);
      }
    }
    copyIfPresent(in, "stream", out, "stream");
    JsonNode user = first(in, "user", "safety_identifier");
    if (user != null) {
      out.putObject("metadata").set("user_id", user);
    }
    tools(in, out);

    Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (!TRANSLATED.contains(name) && !DROPPED.contains(name) && !out.has(name)) {
        out.set(name, field.getValue());
      }
    }
    return out;
  }

  private static void rejectUnsupported(ObjectNode in) {
    JsonNode n = in.get("n");
    if (present(n) && n.asLong() > 1) {
      throw new ApiException(
          ApiError.invalid(
              "Anthropic routes support n=1 only; send one request per completion instead.",
              "n",
              "unsupported_value"));
    }
    for (String legacy : List.of("functions", "function_call")) {
      if (present(in.get(legacy))) {
        throw OpenAiToAnthropicMessages.unsupported(
            legacy,
            "Legacy '"
                + legacy
                + "' is not supported on Anthropic routes; use 'tools' and 'tool_choice'.");
      }
    }
  }

  private static void tools(ObjectNode in, ObjectNode out) {
    JsonNode tools = in.get("tools");
    boolean hasTools = present(tools) && !tools.isEmpty();
    if (hasTools) {
      ArrayNode converted = out.putArray("tools");
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if (!"function".equals(tool.path("type").asText())) {
          throw OpenAiToAnthropicMessages.unsupported(
              "tools[" + i + "].type",
              "Tools of type '"
                  + tool.path("type").asText()
                  + "' are not supported on Anthropic routes; use 'function'.");
        }
        JsonNode fn = tool.get("function");
        ObjectNode t = converted.addObject();
        t.set("name", fn.get("name"));
        copyIfPresent(fn, "description", t, "description");
        JsonNode params = fn.get("parameters");
        if (present(params)) {
          t.set("input_schema", params);
        } else {
          t.putObject("input_schema").put("type", "object").putObject("properties");
        }
        JsonNode cacheControl = tool.get("cache_control");
        if (cacheControl != null && cacheControl.isObject()) {
          t.set("cache_control", cacheControl);
        }
      }
    }
    ObjectNode choice = toolChoice(in.get("tool_choice"));
    JsonNode parallel = in.get("parallel_tool_calls");
    boolean noParallel = present(parallel) && !parallel.asBoolean();
    if (noParallel && choice == null && hasTools) {
      choice = Json.MAPPER.createObjectNode().put("type", "auto");
    }
    if (noParallel && choice != null && !"none".equals(choice.get("type").asText())) {
      choice.put("disable_parallel_tool_use", true);
    }
    if (choice != null) {
      out.set("tool_choice", choice);
    }
  }

  private static ObjectNode toolChoice(JsonNode choice) {
    if (!present(choice)) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (choice.isTextual()) {
      switch (choice.asText()) {
        case "required" -> out.put("type", "any");
        case "none" -> out.put("type", "none");
        default -> out.put("type", "auto");
      }
      return out;
    }
    JsonNode name = choice.path("function").get("name");
    if (!"function".equals(choice.path("type").asText()) || name == null || !name.isTextual()) {
      throw OpenAiToAnthropicMessages.unsupported(
          "tool_choice",
          "Anthropic routes support tool_choice 'auto', 'required', 'none' or"
              + " {\"type\":\"function\",\"function\":{\"name\":...}} only.");
    }
    out.put("type", "tool");
    out.set("name", name);
    return out;
  }

  private static String jsonInstruction(JsonNode format) {
    if (!present(format)) {
      return null;
    }
    String type = format.path("type").asText();
    if ("json_object".equals(type)) {
      return JSON_INSTRUCTION;
    }
    if ("json_schema".equals(type)) {
      JsonNode spec = format.get("json_schema");
      StringBuilder text = new StringBuilder(JSON_INSTRUCTION);
      text.append(" It must conform to the JSON schema named \"")
          .append(spec.path("name").asText())
          .append('"');
      JsonNode schema = spec.get("schema");
      if (present(schema)) {
        text.append(":\n").append(Json.toString(schema));
      } else {
        text.append('.');
      }
      return text.toString();
    }
    return null;
  }

  private static JsonNode first(ObjectNode in, String preferred, String fallback) {
    JsonNode value = in.get(preferred);
    if (present(value)) {
      return value;
    }
    value = in.get(fallback);
    return present(value) ? value : null;
  }

  private static void copyIfPresent(JsonNode from, String name, ObjectNode to, String as) {
    JsonNode value = from.get(name);
    if (present(value)) {
      to.set(as, value);
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }
}
