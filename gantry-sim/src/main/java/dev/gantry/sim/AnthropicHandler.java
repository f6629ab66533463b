package dev.gantry.sim;

/** {@code POST /v1/messages}: auth, parse, admission, plan, then a JSON or streamed answer. */
final class AnthropicHandler {
  private AnthropicHandler() {}

  static void handle(Call call) {
    ChatInput input = Handlers.accept(call, c -> AnthropicRequests.messages(c.body));
    if (input == null) {
      return;
    }
    FaultDecision fault = Admission.admit(call, input.model(), input.stream());
    if (fault == null) {
      return;
    }
    input = input.withCache(call.state.cache.anthropic(input.cachePoints()));
    Completion completion = ReplyPlanner.plan(call.scenario(), input);
    String toolUseId =
        completion.reply() instanceof Reply.ToolCall ? Ids.next("toolu_", call.random()) : null;
    AnthropicWire.Head head =
        new AnthropicWire.Head(Ids.next("msg_", call.random()), input.model(), toolUseId);
    int chunkTokens = call.scenario().chunkTokens();
    if (input.stream()) {
      Delivery.stream(call, AnthropicWire.events(head, completion, input, chunkTokens), fault);
    } else {
      Delivery.json(
          call,
          AnthropicWire.message(head, completion, input),
          Handlers.chunkCount(completion, chunkTokens),
          fault);
    }
  }
}
