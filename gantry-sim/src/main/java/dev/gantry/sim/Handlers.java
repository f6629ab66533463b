package dev.gantry.sim;

/** What the endpoint handlers share. */
final class Handlers {
  static final SimError INVALID_JSON =
      SimError.invalid(
          "We could not parse the JSON body of your request: expected an object.", null);

  private Handlers() {}

  /** How many stream chunks the completion would take; paces non-streaming replies. */
  static int chunkCount(Completion completion, int chunkTokens) {
    if (completion.reply() instanceof Reply.ToolCall call) {
      return Tokens.fragments(call.arguments(), chunkTokens).size();
    }
    return Tokens.chunks(((Reply.Text) completion.reply()).text(), chunkTokens).size();
  }
}
