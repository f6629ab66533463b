package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An OpenAI-format stream passed through chunk by chunk. The usage-only chunk that Gantry asked for
 * is kept for metering and forwarded only when the client asked for it too. Not thread-safe.
 */
final class OpenAiStream implements StreamTranslator {
  private final boolean clientWantsUsage;
  private boolean finished;
  private Usage usage;

  OpenAiStream(boolean clientWantsUsage) {
    this.clientWantsUsage = clientWantsUsage;
  }

  @Override
  public void onEvent(String event, String data, Consumer<ObjectNode> out) {
    if ("[DONE]".equals(data.strip())) {
      finished = true;
      return;
    }
    ObjectNode chunk = chunk(data);
    JsonNode usageNode = chunk.get("usage");
    if (usageNode != null) {
      if (usageNode.isObject()) {
        usage = Usage.fromOpenAi(usageNode);
      }
      if (!clientWantsUsage) {
        JsonNode choices = chunk.get("choices");
        if (usageNode.isObject() && (choices == null || choices.isEmpty())) {
          return;
        }
        chunk.remove("usage");
      }
    }
    out.accept(chunk);
  }

  /**
   * One OpenAI-format stream event's JSON object.
   *
   * @throws UpstreamFailure when it is not JSON or reports an error
   */
  static ObjectNode chunk(String data) {
    JsonNode node = Json.tryParse(data.getBytes(StandardCharsets.UTF_8));
    if (!(node instanceof ObjectNode chunk)) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502,
              "The upstream sent a stream event that is not JSON.",
              "upstream_invalid_response"));
    }
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      int status = error.path("status").asInt(500);
      throw new UpstreamFailure(
          UpstreamErrors.map(
              status < 400 ? 500 : status,
              error.isObject() ? error.path("message").asText(null) : error.asText(),
              error.isObject() ? error.path("code").asText(null) : null));
    }
    return chunk;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public Usage usage() {
    return usage;
  }
}
