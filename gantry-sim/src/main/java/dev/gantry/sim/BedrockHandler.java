package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS Bedrock's {@code /model/<id>/converse} and {@code /model/<id>/converse-stream}: reads {@code
 * messages}, {@code system} and {@code inferenceConfig}, checks that the request is SigV4-signed
 * (an {@code AWS4-HMAC-SHA256} authorization and {@code x-amz-date}; the signature itself is not
 * verified), and answers with a Converse response or the ConverseStream events ({@code
 * messageStart}, {@code contentBlockStart} for tool use, {@code contentBlockDelta}…, {@code
 * contentBlockStop}, {@code messageStop}, {@code metadata}) in the AWS event-stream framing.
 * Stateless.
 */
final class BedrockHandler {
  private BedrockHandler() {}

  static void handle(Call call, String model, boolean stream) {
    Handlers.Planned planned = Handlers.plan(call, c -> input(c.body, model, stream));
    if (planned == null) {
      return;
    }
    ChatInput input = planned.input();
    FaultDecision fault = planned.fault();
    Completion completion = planned.completion();
    String toolUseId = Ids.next("tooluse_", call.random());
    int chunkTokens = call.scenario().chunkTokens();
    if (!stream) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      ObjectNode message = root.putObject("output").putObject("message");
      message.put("role", "assistant");
      ObjectNode block = message.putArray("content").addObject();
      if (completion.reply() instanceof Reply.ToolCall tool) {
        ObjectNode use = block.putObject("toolUse");
        use.put("toolUseId", toolUseId);
        use.put("name", tool.name());
        use.set("input", Json.tryParse(tool.arguments().getBytes(StandardCharsets.UTF_8)));
      } else {
        block.put("text", ((Reply.Text) completion.reply()).text());
      }
      root.put("stopReason", completion.finish().anthropic);
      root.set("usage", usage(input, completion));
      root.putObject("metrics").put("latencyMs", 0);
      Delivery.json(call, Json.toBytes(root), Handlers.chunkCount(completion, chunkTokens), fault);
      return;
    }
    List<AwsFrame> frames = new ArrayList<>();
    frames.add(
        frame("messageStart", Json.MAPPER.createObjectNode().put("role", "assistant"), false));
    if (completion.reply() instanceof Reply.ToolCall tool) {
      ObjectNode start = Json.MAPPER.createObjectNode().put("contentBlockIndex", 0);
      start
          .putObject("start")
          .putObject("toolUse")
          .put("toolUseId", toolUseId)
          .put("name", tool.name());
      frames.add(frame("contentBlockStart", start, false));
      for (String piece : Tokens.fragments(tool.arguments(), chunkTokens)) {
        ObjectNode delta = Json.MAPPER.createObjectNode().put("contentBlockIndex", 0);
        delta.putObject("delta").putObject("toolUse").put("input", piece);
        frames.add(frame("contentBlockDelta", delta, true));
      }
    } else {
      for (String piece : Tokens.chunks(((Reply.Text) completion.reply()).text(), chunkTokens)) {
        ObjectNode delta = Json.MAPPER.createObjectNode().put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", piece);
        frames.add(frame("contentBlockDelta", delta, true));
      }
    }
    frames.add(
        frame(
            "contentBlockStop", Json.MAPPER.createObjectNode().put("contentBlockIndex", 0), false));
    frames.add(
        frame(
            "messageStop",
            Json.MAPPER.createObjectNode().put("stopReason", completion.finish().anthropic),
            false));
    ObjectNode metadata = Json.MAPPER.createObjectNode();
    metadata.set("usage", usage(input, completion));
    metadata.putObject("metrics").put("latencyMs", 0);
    frames.add(frame("metadata", metadata, false));
    Delivery.stream(call, frames, fault);
  }

  private static AwsFrame frame(String type, ObjectNode payload, boolean token) {
    return AwsFrame.event(type, Json.toString(payload), token);
  }

  private static ObjectNode usage(ChatInput input, Completion completion) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("inputTokens", input.promptTokens());
    usage.put("outputTokens", completion.completionTokens());
    usage.put("totalTokens", input.promptTokens() + completion.completionTokens());
    return usage;
  }

  private static ChatInput input(ObjectNode body, String model, boolean stream) {
    JsonNode messages = RequestFields.requireArray(body, "messages");
    int tokens = 0;
    String lastUser = "";
    for (JsonNode message : messages) {
      StringBuilder text = new StringBuilder();
      for (JsonNode block : message.path("content")) {
        if (block.path("text").isTextual()) {
          text.append(block.get("text").asText());
        } else if (block.has("toolResult")) {
          text.append(RequestFields.text(block.path("toolResult").get("content")));
        }
      }
      tokens += Tokens.count(text.toString());
      if ("user".equals(message.path("role").asText())) {
        lastUser = text.toString();
      }
    }
    StringBuilder system = new StringBuilder();
    for (JsonNode block : body.path("system")) {
      system.append(block.path("text").asText(""));
    }
    tokens += Tokens.count(system.toString());
    JsonNode config = body.path("inferenceConfig");
    List<String> stops = new ArrayList<>();
    config.path("stopSequences").forEach(s -> stops.add(s.asText()));
    return new ChatInput(
        model,
        lastUser,
        system.toString(),
        tokens,
        config.path("maxTokens").asInt(0),
        stops,
        stream,
        false,
        1);
  }
}
