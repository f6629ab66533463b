package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Responses API ({@code POST /v1/responses}, and Azure's {@code /openai/responses} with
 * the deployment as model): reads {@code input} (a string or message and function-call items),
 * {@code instructions} and {@code max_output_tokens}, and answers with a {@code response} object or
 * its semantic event stream ({@code response.created} … {@code response.completed}, numbered by
 * {@code sequence_number}). Stateless; {@code previous_response_id} is not supported (the simulator
 * keeps no state).
 */
final class ResponsesHandler {
  private ResponsesHandler() {}

  static void handle(Call call) {
    Handlers.Planned planned = Handlers.plan(call, c -> input(c.body));
    if (planned == null) {
      return;
    }
    ChatInput input = planned.input();
    Completion completion = planned.completion();
    String id = Ids.next("resp_", call.random());
    String itemId =
        Ids.next(completion.reply() instanceof Reply.ToolCall ? "fc_" : "msg_", call.random());
    String callId = Ids.next("call_", call.random());
    ObjectNode done = response(id, input, "completed", call.body);
    ObjectNode item;
    List<ObjectNode> events = new ArrayList<>();
    events.add(
        event("response.created", "response", response(id, input, "in_progress", call.body)));
    events.add(
        event("response.in_progress", "response", response(id, input, "in_progress", call.body)));
    int chunkTokens = call.scenario().chunkTokens();
    if (completion.reply() instanceof Reply.ToolCall tool) {
      item = functionCall(itemId, callId, tool.name(), tool.arguments(), "completed");
      events.add(added(functionCall(itemId, callId, tool.name(), "", "in_progress")));
      for (String piece : Tokens.fragments(tool.arguments(), chunkTokens)) {
        events.add(itemEvent("response.function_call_arguments.delta", itemId).put("delta", piece));
      }
      events.add(
          itemEvent("response.function_call_arguments.done", itemId)
              .put("arguments", tool.arguments()));
    } else {
      String text = ((Reply.Text) completion.reply()).text();
      item = message(itemId, "completed", text);
      events.add(added(message(itemId, "in_progress", null)));
      ObjectNode partAdded =
          itemEvent("response.content_part.added", itemId).put("content_index", 0);
      partAdded.set("part", part(""));
      events.add(partAdded);
      for (String piece : Tokens.chunks(text, chunkTokens)) {
        ObjectNode delta = itemEvent("response.output_text.delta", itemId).put("content_index", 0);
        delta.put("delta", piece).putArray("logprobs");
        events.add(delta);
      }
      ObjectNode textDone = itemEvent("response.output_text.done", itemId).put("content_index", 0);
      textDone.put("text", text).putArray("logprobs");
      events.add(textDone);
      ObjectNode partDone = itemEvent("response.content_part.done", itemId).put("content_index", 0);
      partDone.set("part", part(text));
      events.add(partDone);
    }
    ObjectNode itemDone = Json.MAPPER.createObjectNode().put("type", "response.output_item.done");
    itemDone.put("output_index", 0).set("item", item);
    events.add(itemDone);
    done.putArray("output").add(item);
    if (completion.finish() == Finish.LENGTH) {
      done.put("status", "incomplete");
      done.putObject("incomplete_details").put("reason", "max_output_tokens");
    }
    ObjectNode usage = done.putObject("usage");
    usage.put("input_tokens", input.promptTokens());
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", completion.completionTokens());
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", input.promptTokens() + completion.completionTokens());
    if (!input.stream()) {
      Delivery.json(
          call, Json.toBytes(done), Handlers.chunkCount(completion, chunkTokens), planned.fault());
      return;
    }
    events.add(
        event(
            done.path("status").asText().equals("incomplete")
                ? "response.incomplete"
                : "response.completed",
            "response",
            done));
    List<SseEvent> sse = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ObjectNode e = events.get(i);
      e.put("sequence_number", i);
      String type = e.path("type").asText();
      sse.add(new SseEvent(type, Json.toString(e), type.endsWith(".delta")));
    }
    Delivery.stream(call, sse, planned.fault());
  }

  /** The response object, echoing the request's settings as the API does. */
  private static ObjectNode response(String id, ChatInput input, String status, ObjectNode body) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", System.currentTimeMillis() / 1000);
    r.put("status", status);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.put("instructions", input.systemText().isEmpty() ? null : input.systemText());
    r.put("model", input.model());
    r.putArray("output");
    r.put("parallel_tool_calls", true);
    r.put("temperature", 1.0);
    r.set(
        "tool_choice",
        body.has("tool_choice") ? body.get("tool_choice") : Json.MAPPER.valueToTree("auto"));
    r.set(
        "tools", body.path("tools").isArray() ? body.get("tools") : Json.MAPPER.createArrayNode());
    if (body.path("text").isObject()) {
      r.set("text", body.get("text"));
    } else {
      r.putObject("text").putObject("format").put("type", "text");
    }
    r.put("top_p", 1.0);
    r.putObject("metadata");
    r.putNull("usage");
    return r;
  }

  private static ObjectNode event(String type, String field, ObjectNode value) {
    ObjectNode e = Json.MAPPER.createObjectNode().put("type", type);
    e.set(field, value.deepCopy());
    return e;
  }

  private static ObjectNode added(ObjectNode item) {
    ObjectNode e = Json.MAPPER.createObjectNode().put("type", "response.output_item.added");
    e.put("output_index", 0).set("item", item);
    return e;
  }

  private static ObjectNode itemEvent(String type, String itemId) {
    return Json.MAPPER
        .createObjectNode()
        .put("type", type)
        .put("item_id", itemId)
        .put("output_index", 0);
  }

  private static ObjectNode part(String text) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  private static ObjectNode message(String id, String status, String text) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("id", id).put("type", "message").put("status", status).put("role", "assistant");
    ArrayNode content = m.putArray("content");
    if (text != null) {
      content.add(part(text));
    }
    return m;
  }

  private static ObjectNode functionCall(
      String id, String callId, String name, String arguments, String status) {
    return Json.MAPPER
        .createObjectNode()
        .put("id", id)
        .put("type", "function_call")
        .put("status", status)
        .put("arguments", arguments)
        .put("call_id", callId)
        .put("name", name);
  }

  private static ChatInput input(ObjectNode body) {
    String model = RequestFields.requireString(body, "model");
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw RequestFields.invalid("Missing required parameter: 'input'.", "input");
    }
    if (body.hasNonNull("previous_response_id")) {
      throw RequestFields.invalid(
          "The simulator keeps no responses; previous_response_id is not supported.",
          "previous_response_id");
    }
    String lastUser = "";
    int tokens = 0;
    if (input.isTextual()) {
      lastUser = input.asText();
      tokens = Tokens.count(lastUser);
    } else {
      for (JsonNode item : input) {
        String text =
            item.has("output")
                ? RequestFields.text(item.get("output"))
                : RequestFields.text(item.get("content"));
        tokens += Tokens.count(text);
        if ("user".equals(item.path("role").asText())) {
          lastUser = text;
        }
      }
    }
    String instructions = body.path("instructions").asText("");
    return new ChatInput(
        model,
        lastUser,
        instructions,
        tokens + Tokens.count(instructions),
        body.path("max_output_tokens").asInt(0),
        List.of(),
        RequestFields.optionalBoolean(body, "stream", "stream"),
        false,
        1);
  }
}
