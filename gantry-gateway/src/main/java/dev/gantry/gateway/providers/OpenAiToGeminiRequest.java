package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Gemini {@code generateContent} body from an OpenAI chat request: system and developer
 * messages become {@code systemInstruction}, turns become {@code contents} with roles {@code user}
 * and {@code model}, images become {@code inlineData} (data URLs) or {@code fileData}, tool calls
 * {@code functionCall} parts and tool results {@code functionResponse} parts (named after the call
 * they answer); sampling settings go into {@code generationConfig}; {@code json_object} and {@code
 * json_schema} become {@code responseMimeType} and {@code responseJsonSchema}. Dropped, no Gemini
 * equivalent: {@link #DROPPED}. Stateless.
 */
final class OpenAiToGeminiRequest {
  static final Set<String> DROPPED =
      Set.of(
          "logit_bias",
          "logprobs",
          "top_logprobs",
          "user",
          "metadata",
          "store",
          "service_tier",
          "parallel_tool_calls",
          "stream_options",
          "prediction",
          "modalities",
          "audio",
          "reasoning_effort");

  private OpenAiToGeminiRequest() {}

  static ObjectNode body(ChatRequest original) {
    ObjectNode in = original.json();
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode contents = out.putArray("contents");
    StringBuilder system = new StringBuilder();
    Map<String, String> callNames = new HashMap<>();
    JsonNode messages = in.get("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      switch (role) {
        case "system", "developer" ->
            system
                .append(system.length() == 0 ? "" : "\n")
                .append(ChatFields.text(m.get("content")));
        case "user" ->
            ChatFields.turn(contents, "user", "parts").addAll(userParts(m.get("content"), i));
        case "assistant" -> {
          ArrayNode parts = Json.MAPPER.createArrayNode();
          String text = ChatFields.text(m.get("content"));
          if (!text.isEmpty()) {
            parts.addObject().put("text", text);
          }
          for (JsonNode call : m.path("tool_calls")) {
            String name = call.path("function").path("name").asText();
            callNames.put(call.path("id").asText(), name);
            ObjectNode fc = parts.addObject().putObject("functionCall");
            fc.put("name", name);
            fc.set("args", ChatFields.arguments(call));
          }
          if (!parts.isEmpty()) {
            ChatFields.turn(contents, "model", "parts").addAll(parts);
          }
        }
        case "tool" -> {
          ObjectNode fr =
              ChatFields.turn(contents, "user", "parts").addObject().putObject("functionResponse");
          fr.put("name", callNames.getOrDefault(m.path("tool_call_id").asText(), "tool"));
          String text = ChatFields.text(m.get("content"));
          JsonNode parsed = Json.tryParse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          fr.set(
              "response",
              parsed instanceof ObjectNode o
                  ? o
                  : Json.MAPPER.createObjectNode().put("content", text));
        }
        default ->
            throw new ApiException(
                ApiError.invalid(
                    "Role '" + role + "' is not supported on Gemini routes.",
                    "messages[" + i + "].role",
                    "unsupported_value"));
      }
    }
    if (system.length() > 0) {
      out.putObject("systemInstruction")
          .putArray("parts")
          .addObject()
          .put("text", system.toString());
    }
    ObjectNode config = out.putObject("generationConfig");
    copy(in, "temperature", config, "temperature");
    copy(in, "top_p", config, "topP");
    copy(in, "seed", config, "seed");
    copy(in, "presence_penalty", config, "presencePenalty");
    copy(in, "frequency_penalty", config, "frequencyPenalty");
    copy(in, "n", config, "candidateCount");
    JsonNode max = ChatFields.maxTokens(in);
    if (max != null) {
      config.set("maxOutputTokens", max);
    }
    ArrayNode stops = ChatFields.stops(in);
    if (stops != null) {
      config.set("stopSequences", stops);
    }
    JsonNode format = in.path("response_format");
    String type = format.path("type").asText();
    if (type.equals("json_object") || type.equals("json_schema")) {
      config.put("responseMimeType", "application/json");
      JsonNode schema = format.path("json_schema").get("schema");
      if (schema != null && schema.isObject()) {
        config.set("responseJsonSchema", schema);
      }
    }
    if (config.isEmpty()) {
      out.remove("generationConfig");
    }
    tools(in, out);
    return out;
  }

  private static ArrayNode userParts(JsonNode content, int i) {
    ArrayNode parts = Json.MAPPER.createArrayNode();
    if (content.isTextual()) {
      parts.addObject().put("text", content.asText());
      return parts;
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText();
      if (type.equals("text")) {
        parts.addObject().put("text", part.path("text").asText());
      } else if (type.equals("image_url")) {
        String url = ChatFields.imageUrl(part);
        if (url.startsWith("data:") && url.contains(";base64,")) {
          ObjectNode data = parts.addObject().putObject("inlineData");
          data.put("mimeType", url.substring(5, url.indexOf(';')));
          data.put("data", url.substring(url.indexOf(',') + 1));
        } else {
          parts.addObject().putObject("fileData").put("fileUri", url);
        }
      } else {
        throw new ApiException(
            ApiError.invalid(
                "Content parts of type '" + type + "' are not supported on Gemini routes.",
                "messages[" + i + "].content[" + j + "].type",
                "unsupported_value"));
      }
    }
    return parts;
  }

  private static void tools(ObjectNode in, ObjectNode out) {
    JsonNode tools = in.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      ArrayNode decls = out.putArray("tools").addObject().putArray("functionDeclarations");
      for (JsonNode tool : tools) {
        JsonNode fn = tool.path("function");
        ObjectNode d = decls.addObject();
        d.set("name", fn.get("name"));
        if (fn.hasNonNull("description")) {
          d.set("description", fn.get("description"));
        }
        if (fn.path("parameters").isObject()) {
          d.set("parametersJsonSchema", fn.get("parameters"));
        }
      }
    }
    JsonNode choice = in.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    ObjectNode config = out.putObject("toolConfig").putObject("functionCallingConfig");
    if (choice.isTextual()) {
      config.put(
          "mode",
          switch (choice.asText()) {
            case "required" -> "ANY";
            case "none" -> "NONE";
            default -> "AUTO";
          });
    } else {
      config.put("mode", "ANY");
      config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
    }
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(as, v);
    }
  }
}
