package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.util.Objects;

/** What the simulated model answers: text (JSON replies are text too) or one tool call. */
sealed interface Reply permits Reply.Text, Reply.ToolCall {

  /** A text reply; JSON replies carry their compact JSON text. */
  record Text(String text) implements Reply {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** One function call; {@code arguments} is compact JSON object text. */
  record ToolCall(String name, String arguments) implements Reply {
    public ToolCall {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  static Reply json(JsonNode node) {
    return new Text(Json.toString(node));
  }
}
