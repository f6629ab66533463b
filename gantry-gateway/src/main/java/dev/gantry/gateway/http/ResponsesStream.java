package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes canonical chat chunks as the Responses API's semantic event stream, in the documented
 * order: {@code response.created}, {@code response.in_progress}; per output item {@code
 * response.output_item.added}, its parts and deltas ({@code response.content_part.added}, {@code
 * response.output_text.delta}…{@code .done}, {@code response.content_part.done}; {@code
 * response.function_call_arguments.delta}…{@code .done}; {@code
 * response.reasoning_summary_part.added}, {@code response.reasoning_summary_text.delta}…), then
 * {@code response.output_item.done}; last {@code response.completed} (or {@code
 * response.incomplete}) with the whole response and its usage. A failure after the first event ends
 * the stream with {@code error} and {@code response.failed}. Every event carries a {@code
 * sequence_number} counting up from 0; item ids and output indexes stay the same from an item's
 * first event to its last. One per request; event-loop thread only.
 */
final class ResponsesStream extends EventStreamSink
    implements ChunkReader.Pieces, dev.gantry.core.pipeline.PassthroughSink {
  private final ObjectNode shell;
  private final Consumer<ApiError> plainError;
  private final Function<ObjectNode, CompletionStage<Void>> beforeCompleted;
  private final List<ObjectNode> output = new ArrayList<>();
  private final TreeMap<Integer, Call> calls = new TreeMap<>();
  private long sequence;
  private boolean created;
  private boolean finishing;
  private String finish = "stop";
  private TokenUsage usage = TokenUsage.NONE;
  private Open text;
  private Open reasoning;
  private final java.util.function.UnaryOperator<ObjectNode> echo;
  private boolean forwarded;
  private ObjectNode held;

  /** An output item whose events are still being written. */
  private static final class Open {
    final int index;
    final String id;
    final StringBuilder content = new StringBuilder();

    Open(int index, String id) {
      this.index = index;
      this.id = id;
    }
  }

  private static final class Call {
    final Open item;
    final String callId;
    final String name;

    Call(Open item, String callId, String name) {
      this.item = item;
      this.callId = callId;
      this.name = name;
    }
  }

  /**
   * @param shell the response object as {@code response.created} shows it
   * @param beforeCompleted called with the final response before {@code response.completed} goes
   *     out (the store writes it there)
   * @param echo puts the client's settings into an upstream's own response object
   */
  ResponsesStream(
      SseEvents out,
      ObjectNode shell,
      Consumer<ApiError> plainError,
      Function<ObjectNode, CompletionStage<Void>> beforeCompleted,
      java.util.function.UnaryOperator<ObjectNode> echo) {
    super(out);
    this.echo = echo;
    this.shell = shell;
    this.plainError = plainError;
    this.beforeCompleted = beforeCompleted;
  }

  @Override
  public void send(ObjectNode chunk) {
    if (out.closed() || finishing) {
      return;
    }
    ChunkReader.read(chunk, this);
  }

  private void created() {
    if (!created) {
      created = true;
      emit("response.created", Json.MAPPER.createObjectNode().set("response", shell.deepCopy()));
      emit(
          "response.in_progress", Json.MAPPER.createObjectNode().set("response", shell.deepCopy()));
    }
  }

  @Override
  public void reasoning(String delta) {
    created();
    if (reasoning == null) {
      closeText();
      reasoning = new Open(output.size(), OpaqueIds.next("rs_"));
      output.add(ResponsesObject.reasoningItem(reasoning.id, null));
      added(reasoning, ResponsesObject.reasoningItem(reasoning.id, null));
      ObjectNode e = itemEvent(reasoning);
      e.put("summary_index", 0);
      e.putObject("part").put("type", "summary_text").put("text", "");
      emit("response.reasoning_summary_part.added", e);
    }
    reasoning.content.append(delta);
    ObjectNode e = itemEvent(reasoning);
    e.put("summary_index", 0);
    e.put("delta", delta);
    emit("response.reasoning_summary_text.delta", e);
  }

  @Override
  public void text(String delta) {
    created();
    closeReasoning();
    if (text == null) {
      text = new Open(output.size(), OpaqueIds.next("msg_"));
      output.add(ResponsesObject.messageItem(text.id, "in_progress", null));
      added(text, ResponsesObject.messageItem(text.id, "in_progress", null));
      ObjectNode e = itemEvent(text);
      e.put("content_index", 0);
      e.set("part", ResponsesObject.textPart(""));
      emit("response.content_part.added", e);
    }
    text.content.append(delta);
    ObjectNode e = itemEvent(text);
    e.put("content_index", 0);
    e.put("delta", delta);
    e.putArray("logprobs");
    emit("response.output_text.delta", e);
  }

  @Override
  public void toolCall(int index, String id, String name, String arguments) {
    created();
    Call call = calls.get(index);
    if (call == null) {
      closeReasoning();
      closeText();
      Open item = new Open(output.size(), OpaqueIds.next("fc_"));
      call = new Call(item, id == null ? OpaqueIds.next("call_") : id, name == null ? "" : name);
      calls.put(index, call);
      output.add(
          ResponsesObject.functionCallItem(item.id, call.callId, call.name, "", "in_progress"));
      added(
          item,
          ResponsesObject.functionCallItem(item.id, call.callId, call.name, "", "in_progress"));
    }
    if (!arguments.isEmpty()) {
      call.item.content.append(arguments);
      ObjectNode e = itemEvent(call.item);
      e.put("delta", arguments);
      emit("response.function_call_arguments.delta", e);
    }
  }

  @Override
  public void finish(String reason) {
    finish = reason;
  }

  @Override
  public void usage(JsonNode u) {
    usage = TokenUsage.of(u);
  }

  private void added(Open item, ObjectNode shown) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("output_index", item.index);
    e.set("item", shown);
    emit("response.output_item.added", e);
  }

  private void closeText() {
    if (text == null) {
      return;
    }
    String all = text.content.toString();
    ObjectNode e = itemEvent(text);
    e.put("content_index", 0);
    e.put("text", all);
    e.putArray("logprobs");
    emit("response.output_text.done", e);
    ObjectNode part = itemEvent(text);
    part.put("content_index", 0);
    part.set("part", ResponsesObject.textPart(all));
    emit("response.content_part.done", part);
    done(text, ResponsesObject.messageItem(text.id, "completed", ResponsesObject.textPart(all)));
    text = null;
  }

  private void closeReasoning() {
    if (reasoning == null) {
      return;
    }
    String all = reasoning.content.toString();
    ObjectNode e = itemEvent(reasoning);
    e.put("summary_index", 0);
    e.put("text", all);
    emit("response.reasoning_summary_text.done", e);
    ObjectNode part = itemEvent(reasoning);
    part.put("summary_index", 0);
    part.putObject("part").put("type", "summary_text").put("text", all);
    emit("response.reasoning_summary_part.done", part);
    done(reasoning, ResponsesObject.reasoningItem(reasoning.id, all));
    reasoning = null;
  }

  private void closeCalls() {
    for (Call call : calls.values()) {
      String arguments = call.item.content.toString();
      ObjectNode e = itemEvent(call.item);
      e.put("name", call.name);
      e.put("arguments", arguments);
      emit("response.function_call_arguments.done", e);
      done(
          call.item,
          ResponsesObject.functionCallItem(
              call.item.id, call.callId, call.name, arguments, "completed"));
    }
    calls.clear();
  }

  private void done(Open item, ObjectNode finished) {
    output.set(item.index, finished);
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("output_index", item.index);
    e.set("item", finished);
    emit("response.output_item.done", e);
  }

  private ObjectNode itemEvent(Open item) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("item_id", item.id);
    e.put("output_index", item.index);
    return e;
  }

  private void emit(String type, ObjectNode event) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("type", type);
    e.setAll(event);
    e.put("sequence_number", sequence++);
    out.write(type, e);
  }

  @Override
  public dev.gantry.core.pipeline.PassthroughSink passthrough() {
    return this;
  }

  /**
   * A Responses upstream's own event, written as it came except that response objects show the
   * client's settings; the final {@code response.completed} waits until the response is stored.
   */
  @Override
  public void forward(String type, String data) {
    forwarded = true;
    JsonNode e = Json.tryParse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (!(e instanceof ObjectNode event) || !event.path("response").isObject()) {
      out.writeRaw(type, data);
      return;
    }
    echo.apply((ObjectNode) event.get("response"));
    if (type.equals("response.completed") || type.equals("response.incomplete")) {
      held = event;
    } else {
      out.write(type, event);
    }
  }

  @Override
  public void end() {
    if (out.closed() || finishing) {
      return;
    }
    finishing = true;
    if (forwarded) {
      if (held == null) {
        out.end(null, null);
        return;
      }
      beforeCompleted
          .apply((ObjectNode) held.get("response"))
          .whenComplete((v, error) -> out.end(held.path("type").asText(), held));
      return;
    }
    created();
    closeReasoning();
    closeText();
    closeCalls();
    ObjectNode result = shell.deepCopy();
    ArrayNode items = result.putArray("output");
    output.forEach(items::add);
    ResponsesObject.finish(result, finish, usage);
    String type =
        result.path("status").asText().equals("incomplete")
            ? "response.incomplete"
            : "response.completed";
    beforeCompleted
        .apply(result)
        .whenComplete(
            (v, error) -> {
              ObjectNode e = Json.MAPPER.createObjectNode();
              e.put("type", type);
              e.set("response", result);
              e.put("sequence_number", sequence++);
              out.end(type, e);
            });
  }

  @Override
  public void fail(ApiError error) {
    if (out.ended()) {
      return;
    }
    if (!out.started()) {
      out.abandon();
      plainError.accept(error);
      return;
    }
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("code", error.code() == null ? error.type() : error.code());
    e.put("message", error.message());
    if (error.param() == null) {
      e.putNull("param");
    } else {
      e.put("param", error.param());
    }
    emit("error", e);
    ObjectNode failed = shell.deepCopy();
    ArrayNode items = failed.putArray("output");
    output.forEach(items::add);
    ResponsesObject.failed(failed, error);
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("type", "response.failed");
    f.set("response", failed);
    f.put("sequence_number", sequence++);
    out.end("response.failed", f);
  }
}
