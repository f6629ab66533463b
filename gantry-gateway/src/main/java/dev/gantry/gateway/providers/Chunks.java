package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.function.Consumer;

/**
 * Builds the canonical {@code chat.completion.chunk}s that stream translators of non-OpenAI wire
 * formats emit: one choice (index 0) with a delta, or a usage-only chunk. Stateless.
 */
final class Chunks {
  private Chunks() {}

  /** A chunk without choices (the caller adds them, or the usage). */
  static ObjectNode base(String id, long created, String model) {
    ObjectNode chunk = Json.MAPPER.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  /**
   * A one-choice chunk whose delta {@code fill} writes.
   *
   * @param finish the finish reason, or null while the answer goes on
   */
  static ObjectNode delta(
      String id, long created, String model, Consumer<ObjectNode> fill, String finish) {
    ObjectNode chunk = base(id, created, model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    fill.accept(choice.putObject("delta"));
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  /** The usage-only chunk that ends a stream when the client asked for usage. */
  static ObjectNode usage(String id, long created, String model, ObjectNode usage) {
    ObjectNode chunk = base(id, created, model);
    chunk.putArray("choices");
    chunk.set("usage", usage);
    return chunk;
  }
}
