package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated {@code /v1/chat/completions} request.
 *
 * <p>Immutable by contract: {@link #json()} is the body exactly as the client sent it (unknown
 * fields included) and must not be modified; translators start from {@link #copyJson()}. Typed
 * accessors expose what Gantry itself reads. Instances are created by {@link
 * ChatRequestValidator#validate(ObjectNode)}.
 */
public final class ChatRequest {
  private final ObjectNode json;
  private final String model;
  private final List<ChatMessage> messages;
  private final boolean stream;
  private final boolean includeUsage;

  ChatRequest(
      ObjectNode json,
      String model,
      List<ChatMessage> messages,
      boolean stream,
      boolean includeUsage) {
    this.json = json;
    this.model = model;
    this.messages = List.copyOf(messages);
    this.stream = stream;
    this.includeUsage = includeUsage;
  }

  /** The public model (route) name the client asked for. */
  public String model() {
    return model;
  }

  public List<ChatMessage> messages() {
    return messages;
  }

  public boolean stream() {
    return stream;
  }

  /** True when the client asked for a final usage chunk ({@code stream_options.include_usage}). */
  public boolean includeUsage() {
    return includeUsage;
  }

  /** The last message with role {@code user}, or null. */
  public ChatMessage lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return messages.get(i);
      }
    }
    return null;
  }

  /** The original body. Read only: never modify the returned tree. */
  public ObjectNode json() {
    return json;
  }

  /** A deep copy of the original body that the caller may modify. */
  public ObjectNode copyJson() {
    return json.deepCopy();
  }

  /** Returns the request with one top-level field replaced (used by rewriting stages). */
  public ChatRequest withField(String name, JsonNode value) {
    ObjectNode copy = copyJson();
    copy.set(name, value);
    return ChatRequestValidator.validate(copy);
  }

  @Override
  public String toString() {
    return "ChatRequest[model="
        + model
        + ", messages="
        + messages.size()
        + ", stream="
        + stream
        + "]";
  }
}
