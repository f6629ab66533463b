package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the oldest turns of a conversation: system and developer messages always stay, and so does
 * the last user message and everything after it; a turn (a user message with the answer, tool calls
 * and tool results that follow it) is dropped whole, so the kept history still starts with a user
 * message and no tool result loses its call. Stateless.
 */
final class HistoryTrimmer {
  private HistoryTrimmer() {}

  /** What a trim did. */
  record Result(ChatRequest request, int dropped) {}

  /**
   * Keeps at most {@code maxTurns} non-system messages (0: no limit) and drops turns while the
   * request's tokens exceed {@code maxTokens} (0: no limit).
   */
  static Result trim(ChatRequest request, int maxTurns, long maxTokens, TokenEstimator tokens) {
    List<ChatMessage> messages = request.messages();
    int protectedFrom = lastUser(messages);
    List<List<Integer>> turns = turns(messages, protectedFrom);
    long total = tokens.input(request);
    int nonSystem = 0;
    for (ChatMessage m : messages) {
      nonSystem += system(m) ? 0 : 1;
    }
    boolean[] drop = new boolean[messages.size()];
    int dropped = 0;
    for (List<Integer> turn : turns) {
      boolean tooMany = maxTurns > 0 && nonSystem - dropped > maxTurns;
      boolean tooLong = maxTokens > 0 && total > maxTokens;
      if (!tooMany && !tooLong) {
        break;
      }
      for (int i : turn) {
        drop[i] = true;
        total -= tokens.message(messages.get(i));
        dropped++;
      }
    }
    if (dropped == 0) {
      return new Result(request, 0);
    }
    ObjectNode body = request.copyJson();
    ArrayNode kept = body.putArray("messages");
    JsonNode original = request.json().get("messages");
    for (int i = 0; i < messages.size(); i++) {
      if (!drop[i]) {
        kept.add(original.get(i).deepCopy());
      }
    }
    return new Result(ChatRequestValidator.validate(body), dropped);
  }

  /**
   * Droppable turns, oldest first: a turn starts at a user message and runs until the next one (the
   * assistant's answer, its tool calls and their results go with it); non-system messages before
   * the first user message form a turn of their own. Messages from {@code protectedFrom} on are
   * never in a turn.
   */
  private static List<List<Integer>> turns(List<ChatMessage> messages, int protectedFrom) {
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> current = null;
    for (int i = 0; i < protectedFrom; i++) {
      ChatMessage m = messages.get(i);
      if (system(m)) {
        continue;
      }
      if (current == null || "user".equals(m.role())) {
        current = new ArrayList<>();
        out.add(current);
      }
      current.add(i);
    }
    return out;
  }

  private static int lastUser(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return i;
      }
    }
    return messages.size();
  }

  static boolean system(ChatMessage m) {
    return "system".equals(m.role()) || "developer".equals(m.role());
  }
}
