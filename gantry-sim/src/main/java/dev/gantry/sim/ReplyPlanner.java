package dev.gantry.sim;

import java.util.List;

/**
 * Chooses the reply for a chat request: the first rule matching the last user message (and model),
 * else the scenario's default reply; then cuts text at the first stop sequence and at the request's
 * token limit. Stateless.
 */
final class ReplyPlanner {
  private ReplyPlanner() {}

  static Completion plan(Scenario scenario, ChatInput input) {
    return draft(scenario, input).withReasoning(scenario.reasoningTokens(input.model()));
  }

  private static Completion draft(Scenario scenario, ChatInput input) {
    Reply reply = scenario.defaultReply();
    for (Rule rule : scenario.rules()) {
      if (rule.matches(input.model(), input.lastUserText())) {
        reply = rule.reply();
        break;
      }
    }
    if (reply instanceof Reply.Echo echo) {
      reply =
          new Reply.Text(echo.what().equals("system") ? input.systemText() : input.lastUserText());
    }
    if (reply instanceof Reply.ToolCall call) {
      return new Completion(call, Finish.TOOL_CALLS, null, Tokens.count(call.arguments()));
    }
    String original = ((Reply.Text) reply).text();
    String text = original;
    Finish finish = Finish.STOP;
    String stopSequence = null;
    int cut = text.length();
    for (String stop : input.stops()) {
      int at = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
        stopSequence = stop;
      }
    }
    if (stopSequence != null) {
      text = text.substring(0, cut);
      finish = Finish.STOP_SEQUENCE;
    }
    int tokens = Tokens.count(text);
    if (input.maxTokens() > 0 && tokens > input.maxTokens()) {
      text = truncate(text, input.maxTokens());
      tokens = Tokens.count(text);
      finish = Finish.LENGTH;
      stopSequence = null;
    }
    return new Completion(
        text.equals(original) ? reply : new Reply.Text(text), finish, stopSequence, tokens);
  }

  /** The longest prefix made of whole words that fits in {@code maxTokens}. */
  private static String truncate(String text, int maxTokens) {
    List<String> words = Tokens.chunks(text, 1);
    int lo = 0;
    int hi = words.size();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (Tokens.count(String.join("", words.subList(0, mid))) <= maxTokens) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return String.join("", words.subList(0, lo));
  }
}
