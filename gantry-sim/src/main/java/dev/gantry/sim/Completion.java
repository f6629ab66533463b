package dev.gantry.sim;

/**
 * The planned answer to one chat request: the reply after stop sequences and the token limit were
 * applied, why it ended, and its size in tokens for one choice.
 *
 * @param stopSequence the stop sequence that ended it, or null
 * @param reasoningTokens hidden reasoning tokens billed on top of {@code completionTokens}
 */
record Completion(
    Reply reply, Finish finish, String stopSequence, int completionTokens, int reasoningTokens) {
  Completion(Reply reply, Finish finish, String stopSequence, int completionTokens) {
    this(reply, finish, stopSequence, completionTokens, 0);
  }

  Completion withReasoning(int tokens) {
    return new Completion(reply, finish, stopSequence, completionTokens, tokens);
  }
}
