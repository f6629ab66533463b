package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import java.util.Locale;
import java.util.Set;

/**
 * Builds a Bedrock Converse body from an OpenAI chat request: system and developer messages become
 * {@code system} blocks, turns strictly alternating {@code user}/{@code assistant} messages of
 * content blocks ({@code text}, {@code image} from base64 data URLs, {@code toolUse}, {@code
 * toolResult}); sampling settings go into {@code inferenceConfig}, tools into {@code toolConfig}.
 * JSON output is asked for with an instruction, as on Anthropic routes. Dropped, no Converse
 * equivalent: {@link #DROPPED}. Stateless.
 */
final class OpenAiToBedrockRequest {
  static final Set<String> DROPPED =
      Set.of(
          "seed",
          "logit_bias",
          "logprobs",
          "top_logprobs",
          "presence_penalty",
          "frequency_penalty",
          "user",
          "metadata",
          "store",
          "service_tier",
          "parallel_tool_calls",
          "stream_options",
          "n",
          "prediction",
          "modalities",
          "audio",
          "reasoning_effort");

  private OpenAiToBedrockRequest() {}

  static ObjectNode body(ChatRequest original) {
    ObjectNode in = original.json();
    if (in.path("n").asInt(1) > 1) {
      throw new ApiException(
          ApiError.invalid("Bedrock routes support n=1 only.", "n", "unsupported_value"));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode system = Json.MAPPER.createArrayNode();
    ArrayNode messages = out.putArray("messages");
    JsonNode list = in.get("messages");
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      String role = m.path("role").asText();
      switch (role) {
        case "system", "developer" ->
            system.addObject().put("text", ChatFields.text(m.get("content")));
        case "user" ->
            ChatFields.turn(messages, "user", "content").addAll(userBlocks(m.get("content"), i));
        case "assistant" -> {
          ArrayNode blocks = Json.MAPPER.createArrayNode();
          String text = ChatFields.text(m.get("content"));
          if (!text.isEmpty()) {
            blocks.addObject().put("text", text);
          }
          for (JsonNode call : m.path("tool_calls")) {
            ObjectNode use = blocks.addObject().putObject("toolUse");
            use.put("toolUseId", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", ChatFields.arguments(call));
          }
          if (!blocks.isEmpty()) {
            ChatFields.turn(messages, "assistant", "content").addAll(blocks);
          }
        }
        case "tool" -> {
          ObjectNode result =
              ChatFields.turn(messages, "user", "content").addObject().putObject("toolResult");
          result.put("toolUseId", m.path("tool_call_id").asText());
          result.putArray("content").addObject().put("text", ChatFields.text(m.get("content")));
        }
        default ->
            throw new ApiException(
                ApiError.invalid(
                    "Role '" + role + "' is not supported on Bedrock routes.",
                    "messages[" + i + "].role",
                    "unsupported_value"));
      }
    }
    String format = in.path("response_format").path("type").asText();
    if (format.equals("json_object") || format.equals("json_schema")) {
      StringBuilder text = new StringBuilder(OpenAiToAnthropicRequest.JSON_INSTRUCTION);
      JsonNode schema = in.path("response_format").path("json_schema").get("schema");
      if (schema != null && schema.isObject()) {
        text.append(" It must conform to this JSON schema:\n").append(Json.toString(schema));
      }
      system.addObject().put("text", text.toString());
    }
    if (!system.isEmpty()) {
      out.set("system", system);
    }
    ObjectNode config = out.putObject("inferenceConfig");
    JsonNode max = ChatFields.maxTokens(in);
    if (max != null) {
      config.set("maxTokens", max);
    }
    if (in.hasNonNull("temperature")) {
      config.put("temperature", Math.min(1.0, in.get("temperature").asDouble()));
    }
    if (in.hasNonNull("top_p")) {
      config.set("topP", in.get("top_p"));
    }
    ArrayNode stops = ChatFields.stops(in);
    if (stops != null) {
      config.set("stopSequences", stops);
    }
    if (config.isEmpty()) {
      out.remove("inferenceConfig");
    }
    tools(in, out);
    return out;
  }

  private static ArrayNode userBlocks(JsonNode content, int i) {
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    if (content.isTextual()) {
      blocks.addObject().put("text", content.asText());
      return blocks;
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText();
      String param = "messages[" + i + "].content[" + j + "]";
      if (type.equals("text")) {
        blocks.addObject().put("text", part.path("text").asText());
      } else if (type.equals("image_url")) {
        String url = ChatFields.imageUrl(part);
        if (!url.startsWith("data:image/") || !url.contains(";base64,")) {
          throw new ApiException(
              ApiError.invalid(
                  "Bedrock routes take images as base64 data URLs only.",
                  param + ".image_url.url",
                  "unsupported_value"));
        }
        ObjectNode image = blocks.addObject().putObject("image");
        image.put(
            "format",
            url.substring(11, url.indexOf(';')).toLowerCase(Locale.ROOT).replace("jpg", "jpeg"));
        image.putObject("source").put("bytes", url.substring(url.indexOf(',') + 1));
      } else {
        throw new ApiException(
            ApiError.invalid(
                "Content parts of type '" + type + "' are not supported on Bedrock routes.",
                param + ".type",
                "unsupported_value"));
      }
    }
    return blocks;
  }

  private static void tools(ObjectNode in, ObjectNode out) {
    JsonNode tools = in.get("tools");
    JsonNode choice = in.get("tool_choice");
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return;
    }
    if (choice != null && choice.isTextual() && choice.asText().equals("none")) {
      return; // Converse has no "none": leave the tools out.
    }
    ObjectNode config = out.putObject("toolConfig");
    ArrayNode list = config.putArray("tools");
    for (JsonNode tool : tools) {
      JsonNode fn = tool.path("function");
      ObjectNode spec = list.addObject().putObject("toolSpec");
      spec.set("name", fn.get("name"));
      if (fn.hasNonNull("description")) {
        spec.set("description", fn.get("description"));
      }
      spec.putObject("inputSchema")
          .set(
              "json",
              fn.path("parameters").isObject()
                  ? fn.get("parameters")
                  : Json.MAPPER.createObjectNode().put("type", "object"));
    }
    if (choice != null && !choice.isNull()) {
      ObjectNode c = config.putObject("toolChoice");
      if (choice.isTextual()) {
        c.putObject(choice.asText().equals("required") ? "any" : "auto");
      } else {
        c.putObject("tool").put("name", choice.path("function").path("name").asText());
      }
    }
  }
}
