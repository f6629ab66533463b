package dev.gantry.sim;

/** What the endpoint handlers share. */
final class Handlers {
  static final SimError INVALID_JSON =
      SimError.invalid(
          "We could not parse the JSON body of your request: expected an object.", null);

  private Handlers() {}

  /** Reads what a handler needs from the call's JSON body; throws {@link SimError.Thrown}. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(Call call);
  }

  /**
   * The common prologue of the POST handlers: authorise the call, require a JSON object body and
   * parse it. On any failure the client has been answered and null is returned.
   */
  static <T> T accept(Call call, Parser<T> parser) {
    if (!Admission.authorized(call)) {
      return null;
    }
    if (call.body == null) {
      call.fail(INVALID_JSON);
      return null;
    }
    try {
      return parser.parse(call);
    } catch (SimError.Thrown e) {
      call.fail(e.error);
      return null;
    }
  }

  /** A chat request that was admitted, and the answer planned for it. */
  record Planned(ChatInput input, FaultDecision fault, Completion completion) {}

  /**
   * Accepts, admits and plans a chat request; null when the client has been answered already (bad
   * request, rate limit, fault status) or the request must hang.
   */
  static Planned plan(Call call, Parser<ChatInput> parser) {
    ChatInput input = accept(call, parser);
    if (input == null) {
      return null;
    }
    FaultDecision fault = Admission.admit(call, input.model(), input.stream());
    if (fault == null) {
      return null;
    }
    return new Planned(input, fault, ReplyPlanner.plan(call.scenario(), input));
  }

  /** How many stream chunks the completion would take; paces non-streaming replies. */
  static int chunkCount(Completion completion, int chunkTokens) {
    if (completion.reply() instanceof Reply.ToolCall call) {
      return Tokens.fragments(call.arguments(), chunkTokens).size();
    }
    return Tokens.chunks(((Reply.Text) completion.reply()).text(), chunkTokens).size();
  }
}
