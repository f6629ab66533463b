package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.util.Objects;

/** What the simulated model answers: text (JSON replies are text too) or one tool call. */
sealed interface Reply permits Reply.Text, Reply.ToolCall, Reply.Echo {

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

  /** Repeats the request's system prompt ({@code system}) or last user message ({@code user}). */
  record Echo(String what) implements Reply {
    public Echo {
      if (!what.equals("system") && !what.equals("user")) {
        throw new IllegalArgumentException("echo must be system or user, got " + what);
      }
    }
  }

  static Reply json(JsonNode node) {
    return new Text(Json.toString(node));
  }
}
