package dev.gantry.sim;

/**
 * The planned answer to one chat request: the reply after stop sequences and the token limit were
 * applied, why it ended, and its size in tokens for one choice.
 *
 * @param stopSequence the stop sequence that ended it, or null
 */
record Completion(Reply reply, Finish finish, String stopSequence, int completionTokens) {}
