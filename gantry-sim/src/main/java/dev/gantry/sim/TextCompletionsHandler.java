package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's legacy completions ({@code POST /v1/completions}, and Azure's deployment path): {@code
 * prompt} as a string or an array of strings, {@code n}, {@code best_of} (at least {@code n}),
 * {@code echo} (the prompt in front of the text), {@code suffix} (accepted, not written), {@code
 * max_tokens} (16 when absent, as in the API), {@code stop}, and streaming as {@code
 * text_completion} chunks ending in {@code [DONE]}, with a usage chunk on {@code
 * stream_options.include_usage}. Rules match each prompt. Choice {@code i * n + j} answers prompt
 * {@code i}. Stateless.
 */
final class TextCompletionsHandler {
  /** {@code max_tokens} when the request does not say, as in OpenAI's API. */
  static final int DEFAULT_MAX_TOKENS = 16;

  private TextCompletionsHandler() {}

  /** The parsed request: one chat-like input per prompt. */
  private record Input(List<String> prompts, List<ChatInput> inputs, boolean echo) {}

  static void handle(Call call) {
    Input input = Handlers.accept(call, c -> input(c.body, c.deployment));
    if (input == null) {
      return;
    }
    ChatInput first = input.inputs().get(0);
    FaultDecision fault = Admission.admit(call, first.model(), first.stream());
    if (fault == null) {
      return;
    }
    int n = first.n();
    List<Completion> completions = new ArrayList<>();
    int promptTokens = 0;
    int completionTokens = 0;
    for (ChatInput in : input.inputs()) {
      Completion c = ReplyPlanner.plan(call.scenario(), in);
      completions.add(c);
      promptTokens += in.promptTokens();
      completionTokens += c.completionTokens() * n;
    }
    String id = Ids.next("cmpl-", call.random());
    long created = System.currentTimeMillis() / 1000;
    int chunkTokens = call.scenario().chunkTokens();
    if (!first.stream()) {
      ObjectNode root = head(id, created, first.model());
      ArrayNode choices = root.putArray("choices");
      for (int i = 0; i < completions.size(); i++) {
        for (int j = 0; j < n; j++) {
          String text = (input.echo() ? input.prompts().get(i) : "") + text(completions.get(i));
          choice(choices.addObject(), i * n + j, text, completions.get(i).finish().openAi);
        }
      }
      usage(root.putObject("usage"), promptTokens, completionTokens);
      Delivery.json(
          call, Json.toBytes(root), Handlers.chunkCount(completions.get(0), chunkTokens), fault);
      return;
    }
    List<SseEvent> events = new ArrayList<>();
    for (int i = 0; i < completions.size(); i++) {
      List<String> pieces = new ArrayList<>();
      if (input.echo()) {
        pieces.add(input.prompts().get(i));
      }
      pieces.addAll(Tokens.chunks(text(completions.get(i)), chunkTokens));
      for (String piece : pieces) {
        for (int j = 0; j < n; j++) {
          ObjectNode chunk = head(id, created, first.model());
          choice(chunk.putArray("choices").addObject(), i * n + j, piece, null);
          events.add(SseEvent.data(Json.toString(chunk), j == 0));
        }
      }
      for (int j = 0; j < n; j++) {
        ObjectNode chunk = head(id, created, first.model());
        choice(
            chunk.putArray("choices").addObject(),
            i * n + j,
            "",
            completions.get(i).finish().openAi);
        events.add(SseEvent.data(Json.toString(chunk), false));
      }
    }
    if (first.includeUsage()) {
      ObjectNode chunk = head(id, created, first.model());
      chunk.putArray("choices");
      usage(chunk.putObject("usage"), promptTokens, completionTokens);
      events.add(SseEvent.data(Json.toString(chunk), false));
    }
    events.add(SseEvent.data("[DONE]", false));
    Delivery.stream(call, events, fault);
  }

  private static String text(Completion completion) {
    return completion.reply() instanceof Reply.ToolCall call
        ? call.arguments()
        : ((Reply.Text) completion.reply()).text();
  }

  private static ObjectNode head(String id, long created, String model) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", id);
    root.put("object", "text_completion");
    root.put("created", created);
    root.put("model", model);
    root.putNull("system_fingerprint");
    return root;
  }

  private static void choice(ObjectNode choice, int index, String text, String finish) {
    choice.put("text", text);
    choice.put("index", index);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      // The legacy API knows only stop and length.
      choice.put("finish_reason", finish.equals("length") ? "length" : "stop");
    }
  }

  private static void usage(ObjectNode usage, int prompt, int completion) {
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
  }

  /**
   * @param deployment the Azure deployment, which replaces {@code model}; null on the OpenAI path
   * @throws SimError.Thrown with a 400 naming the bad field
   */
  private static Input input(ObjectNode body, String deployment) {
    String model = deployment != null ? deployment : RequestFields.requireString(body, "model");
    JsonNode prompt = body.get("prompt");
    List<String> prompts = new ArrayList<>();
    if (prompt != null && prompt.isTextual()) {
      prompts.add(prompt.asText());
    } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
      for (JsonNode p : prompt) {
        if (!p.isTextual()) {
          throw RequestFields.invalid(
              "The simulator accepts 'prompt' as a string or an array of strings.", "prompt");
        }
        prompts.add(p.asText());
      }
    } else if (prompt == null || prompt.isNull()) {
      throw RequestFields.invalid("Missing required parameter: 'prompt'.", "prompt");
    } else {
      throw RequestFields.invalid(
          "Invalid type for 'prompt': expected a string or an array of strings.", "prompt");
    }
    boolean stream = RequestFields.optionalBoolean(body, "stream", "stream");
    boolean echo = RequestFields.optionalBoolean(body, "echo", "echo");
    boolean includeUsage =
        stream
            && body.path("stream_options").isObject()
            && RequestFields.optionalBoolean(
                body.get("stream_options"), "include_usage", "stream_options.include_usage");
    int n = RequestFields.optionalInt(body, "n", 1, 128, 1);
    int bestOf = RequestFields.optionalInt(body, "best_of", 1, 20, n);
    if (bestOf < n) {
      throw RequestFields.invalid("best_of must be greater than or equal to n.", "best_of");
    }
    if (stream && bestOf > n) {
      throw RequestFields.invalid("Cannot stream results with best_of > n.", "best_of");
    }
    int maxTokens =
        RequestFields.optionalInt(body, "max_tokens", 0, Integer.MAX_VALUE, DEFAULT_MAX_TOKENS);
    List<String> stops = RequestFields.stringOrList(body, "stop");
    List<ChatInput> inputs = new ArrayList<>();
    for (String p : prompts) {
      inputs.add(
          new ChatInput(model, p, "", Tokens.count(p), maxTokens, stops, stream, includeUsage, n));
    }
    return new Input(prompts, inputs, echo);
  }
}
