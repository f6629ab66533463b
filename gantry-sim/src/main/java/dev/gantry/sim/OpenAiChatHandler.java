package dev.gantry.sim;

/**
 * {@code POST /v1/chat/completions} and the Azure deployment path: auth, parse, admission, plan,
 * then a JSON or streamed answer. Stateless.
 */
final class OpenAiChatHandler {
  private OpenAiChatHandler() {}

  static void handle(Call call) {
    ChatInput input = Handlers.accept(call, c -> OpenAiRequests.chat(c.body, c.deployment));
    if (input == null) {
      return;
    }
    FaultDecision fault = Admission.admit(call, input.model(), input.stream());
    if (fault == null) {
      return;
    }
    input = input.withCache(call.state.cache.openAi(input.cachePoints(), input.promptTokens()));
    Completion completion = ReplyPlanner.plan(call.scenario(), input);
    String toolCallId =
        completion.reply() instanceof Reply.ToolCall ? Ids.next("call_", call.random()) : null;
    OpenAiWire.Head head =
        new OpenAiWire.Head(
            Ids.next("chatcmpl-", call.random()),
            System.currentTimeMillis() / 1000,
            input.model(),
            toolCallId);
    int chunkTokens = call.scenario().chunkTokens();
    if (input.stream()) {
      Delivery.stream(call, OpenAiWire.chunks(head, completion, input, chunkTokens), fault);
    } else {
      Delivery.json(
          call,
          OpenAiWire.completion(head, completion, input),
          Handlers.chunkCount(completion, chunkTokens),
          fault);
    }
  }
}
