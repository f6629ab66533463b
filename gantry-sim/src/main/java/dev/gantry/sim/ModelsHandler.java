package dev.gantry.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/models}: the scenario's models, then a default list, in the OpenAI list shape, or
 * the Anthropic shape when the request carries {@code anthropic-version}.
 */
final class ModelsHandler {
  static final List<String> DEFAULT_MODELS =
      List.of(
          "gpt-4o-mini",
          "gpt-4o",
          "text-embedding-3-small",
          "claude-3-5-haiku-latest",
          "claude-sonnet-4-0");

  private static final long CREATED = 1_700_000_000L;

  private ModelsHandler() {}

  static void handle(Call call) {
    if (!Admission.authorized(call)) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>(call.scenario().models());
    ids.addAll(DEFAULT_MODELS);
    ObjectNode root = Json.MAPPER.createObjectNode();
    if (call.dialect == Dialect.ANTHROPIC) {
      ArrayNode data = root.putArray("data");
      for (String id : ids) {
        data.addObject()
            .put("type", "model")
            .put("id", id)
            .put("display_name", id)
            .put("created_at", "2023-11-14T22:13:20Z");
      }
      root.put("has_more", false);
      root.put("first_id", ids.iterator().next());
      root.put("last_id", List.copyOf(ids).get(ids.size() - 1));
    } else {
      root.put("object", "list");
      ArrayNode data = root.putArray("data");
      for (String id : ids) {
        data.addObject()
            .put("id", id)
            .put("object", "model")
            .put("created", CREATED)
            .put("owned_by", "gantry-sim");
      }
    }
    call.sendJson(200, Buffer.buffer(Json.toBytes(root)));
  }
}
