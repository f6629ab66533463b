package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Gemini's {@code models/<model>:generateContent} and {@code :streamGenerateContent} (with
 * {@code alt=sse}): reads {@code contents}, {@code systemInstruction} and {@code generationConfig}
 * and answers with a {@code GenerateContentResponse}, or a stream of partial ones whose last
 * carries the finish reason and the usage. Stateless.
 */
final class GeminiHandler {
  private GeminiHandler() {}

  static void handle(Call call, String model, boolean stream) {
    Handlers.Planned planned = Handlers.plan(call, c -> input(c.body, model, stream));
    if (planned == null) {
      return;
    }
    ChatInput input = planned.input();
    FaultDecision fault = planned.fault();
    Completion completion = planned.completion();
    String id = Ids.next("", call.random());
    int chunkTokens = call.scenario().chunkTokens();
    if (stream) {
      List<SseEvent> events = new ArrayList<>();
      if (completion.reply() instanceof Reply.ToolCall tool) {
        events.add(
            SseEvent.data(
                Json.toString(answer(id, model, input, completion, functionCall(tool), true)),
                true));
      } else {
        List<String> pieces = Tokens.chunks(((Reply.Text) completion.reply()).text(), chunkTokens);
        if (pieces.isEmpty()) {
          pieces = List.of("");
        }
        for (int i = 0; i < pieces.size(); i++) {
          ObjectNode part = Json.MAPPER.createObjectNode().put("text", pieces.get(i));
          events.add(
              SseEvent.data(
                  Json.toString(answer(id, model, input, completion, part, i == pieces.size() - 1)),
                  true));
        }
      }
      Delivery.stream(call, events, fault);
    } else {
      ObjectNode part =
          completion.reply() instanceof Reply.ToolCall tool
              ? functionCall(tool)
              : Json.MAPPER
                  .createObjectNode()
                  .put("text", ((Reply.Text) completion.reply()).text());
      Delivery.json(
          call,
          Json.toBytes(answer(id, model, input, completion, part, true)),
          Handlers.chunkCount(completion, chunkTokens),
          fault);
    }
  }

  /** {@code :batchEmbedContents}: one deterministic unit vector per request's text. */
  static void embed(Call call) {
    JsonNode requests = Handlers.accept(call, c -> RequestFields.requireArray(c.body, "requests"));
    if (requests == null || Admission.admit(call, "embeddings", false) == null) {
      return;
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode embeddings = root.putArray("embeddings");
    for (JsonNode r : requests) {
      int dims = r.path("outputDimensionality").asInt(768);
      ArrayNode values = embeddings.addObject().putArray("values");
      for (float v : Embeddings.vector(parts(r.path("content").path("parts")), dims)) {
        values.add(v);
      }
    }
    call.sendJson(200, io.vertx.core.buffer.Buffer.buffer(Json.toBytes(root)));
  }

  private static ObjectNode functionCall(Reply.ToolCall tool) {
    ObjectNode part = Json.MAPPER.createObjectNode();
    ObjectNode fc = part.putObject("functionCall");
    fc.put("name", tool.name());
    fc.set("args", Json.tryParse(tool.arguments().getBytes(StandardCharsets.UTF_8)));
    return part;
  }

  private static ObjectNode answer(
      String id,
      String model,
      ChatInput input,
      Completion completion,
      ObjectNode part,
      boolean last) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").add(part);
    content.put("role", "model");
    if (last) {
      candidate.put("finishReason", completion.finish().gemini);
    }
    candidate.put("index", 0);
    ObjectNode usage = root.putObject("usageMetadata");
    usage.put("promptTokenCount", input.promptTokens());
    if (last) {
      usage.put("candidatesTokenCount", completion.completionTokens());
    }
    usage.put("totalTokenCount", input.promptTokens() + (last ? completion.completionTokens() : 0));
    root.put("modelVersion", model);
    root.put("responseId", id);
    return root;
  }

  private static ChatInput input(ObjectNode body, String model, boolean stream) {
    JsonNode contents = RequestFields.requireArray(body, "contents");
    int tokens = 0;
    String lastUser = "";
    for (JsonNode turn : contents) {
      String text = parts(turn.path("parts"));
      tokens += Tokens.count(text);
      if ("user".equals(turn.path("role").asText("user")) && !text.isEmpty()) {
        lastUser = text;
      }
    }
    String system = parts(body.path("systemInstruction").path("parts"));
    tokens += Tokens.count(system);
    JsonNode config = body.path("generationConfig");
    List<String> stops = new ArrayList<>();
    config.path("stopSequences").forEach(s -> stops.add(s.asText()));
    return new ChatInput(
        model,
        lastUser,
        system,
        tokens,
        config.path("maxOutputTokens").asInt(0),
        stops,
        stream,
        false,
        1);
  }

  private static String parts(JsonNode parts) {
    StringBuilder out = new StringBuilder();
    if (parts instanceof ArrayNode) {
      for (JsonNode part : parts) {
        if (part.path("text").isTextual()) {
          out.append(part.get("text").asText());
        } else if (part.has("functionResponse")) {
          out.append(Json.toString(part.path("functionResponse").path("response")));
        }
      }
    }
    return out.toString();
  }
}
