package dev.gantry.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes chat completions in the OpenAI wire format: the {@code chat.completion} object and the
 * {@code chat.completion.chunk} stream ending in {@code [DONE]}. Stateless.
 */
final class OpenAiWire {
  private OpenAiWire() {}

  /** What every response of one request shares. */
  record Head(String id, long created, String model, String toolCallId) {}

  static byte[] completion(Head head, Completion completion, ChatInput input) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", head.id());
    root.put("object", "chat.completion");
    root.put("created", head.created());
    root.put("model", head.model());
    ArrayNode choices = root.putArray("choices");
    for (int i = 0; i < input.n(); i++) {
      ObjectNode choice = choices.addObject();
      choice.put("index", i);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      if (completion.reply() instanceof Reply.ToolCall call) {
        message.putNull("content");
        toolCall(message.putArray("tool_calls").addObject(), head.toolCallId(), call.name())
            .put("arguments", call.arguments());
      } else {
        message.put("content", ((Reply.Text) completion.reply()).text());
      }
      message.putNull("refusal");
      choice.putNull("logprobs");
      choice.put("finish_reason", completion.finish().openAi);
    }
    usage(root.putObject("usage"), input, completion);
    root.putNull("system_fingerprint");
    return Json.toBytes(root);
  }

  /** The stream events: role, content or tool-call fragments, finish, optional usage, DONE. */
  static List<SseEvent> chunks(Head head, Completion completion, ChatInput input, int chunkTokens) {
    List<SseEvent> events = new ArrayList<>();
    Reply reply = completion.reply();
    List<String> pieces =
        reply instanceof Reply.ToolCall call
            ? Tokens.fragments(call.arguments(), chunkTokens)
            : Tokens.chunks(((Reply.Text) reply).text(), chunkTokens);
    for (int i = 0; i < input.n(); i++) {
      ObjectNode delta = Json.MAPPER.createObjectNode();
      delta.put("role", "assistant");
      if (reply instanceof Reply.ToolCall call) {
        delta.putNull("content");
        ObjectNode tc = delta.putArray("tool_calls").addObject();
        tc.put("index", 0);
        toolCall(tc, head.toolCallId(), call.name()).put("arguments", "");
      } else {
        delta.put("content", "");
      }
      events.add(chunk(head, input, i, delta, null, false));
    }
    for (String piece : pieces) {
      for (int i = 0; i < input.n(); i++) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        if (reply instanceof Reply.ToolCall) {
          ObjectNode tc = delta.putArray("tool_calls").addObject();
          tc.put("index", 0);
          tc.putObject("function").put("arguments", piece);
        } else {
          delta.put("content", piece);
        }
        events.add(chunk(head, input, i, delta, null, i == 0));
      }
    }
    for (int i = 0; i < input.n(); i++) {
      events.add(
          chunk(head, input, i, Json.MAPPER.createObjectNode(), completion.finish().openAi, false));
    }
    if (input.includeUsage()) {
      ObjectNode root = base(head);
      root.putArray("choices");
      usage(root.putObject("usage"), input, completion);
      events.add(SseEvent.data(Json.toString(root), false));
    }
    events.add(SseEvent.data("[DONE]", false));
    return events;
  }

  private static SseEvent chunk(
      Head head, ChatInput input, int index, ObjectNode delta, String finish, boolean token) {
    ObjectNode root = base(head);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", index);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    if (input.includeUsage()) {
      root.putNull("usage");
    }
    return SseEvent.data(Json.toString(root), token);
  }

  private static ObjectNode base(Head head) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", head.id());
    root.put("object", "chat.completion.chunk");
    root.put("created", head.created());
    root.put("model", head.model());
    root.putNull("system_fingerprint");
    return root;
  }

  /** Fills id, type and function.name; returns the function object for its arguments. */
  private static ObjectNode toolCall(ObjectNode target, String id, String name) {
    target.put("id", id);
    target.put("type", "function");
    ObjectNode function = target.putObject("function");
    function.put("name", name);
    return function;
  }

  /**
   * The usage object: reasoning tokens (the scenario's {@code reasoning_tokens} for the model, per
   * choice) are part of {@code completion_tokens}, cached tokens part of {@code prompt_tokens}, as
   * OpenAI reports them; the details appear when they are not zero.
   */
  private static void usage(ObjectNode usage, ChatInput input, Completion completion) {
    int reasoning = completion.reasoningTokens() * input.n();
    int out = completion.completionTokens() * input.n() + reasoning;
    usage.put("prompt_tokens", input.promptTokens());
    usage.put("completion_tokens", out);
    usage.put("total_tokens", input.promptTokens() + out);
    if (input.cache().read() > 0) {
      usage.putObject("prompt_tokens_details").put("cached_tokens", input.cache().read());
    }
    if (reasoning > 0) {
      usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
    }
  }
}
