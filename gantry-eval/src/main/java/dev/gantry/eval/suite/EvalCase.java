package dev.gantry.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.eval.assertion.AssertionSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One case of a suite, defaults merged and variables substituted. Immutable: the JSON trees are
 * private copies that are never handed out unwrapped.
 *
 * @param index position in the suite, 0-based
 * @param model the case's own model, or null to use the suite's
 * @param assertions the suite defaults' assertions first, then the case's
 * @param threshold minimum weighted score for the case to pass, or null for "every assertion with a
 *     weight passes"
 * @param expectedSources document (or chunk) ids retrieval should find
 */
public record EvalCase(
    String id,
    int index,
    String description,
    String model,
    ArrayNode messages,
    ObjectNode params,
    List<String> tags,
    List<AssertionSpec> assertions,
    Double threshold,
    List<String> expectedSources,
    Map<String, String> vars) {
  public EvalCase {
    Objects.requireNonNull(id, "id");
    messages = messages.deepCopy();
    params = params.deepCopy();
    tags = List.copyOf(tags);
    assertions = List.copyOf(assertions);
    expectedSources = List.copyOf(expectedSources);
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("case " + id + " has no messages");
    }
  }

  @Override
  public ArrayNode messages() {
    return messages.deepCopy();
  }

  @Override
  public ObjectNode params() {
    return params.deepCopy();
  }

  /** The chat completion request for this case: model, messages, then the parameters. */
  public ObjectNode request(String effectiveModel) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("model", Objects.requireNonNull(effectiveModel, "effectiveModel"));
    body.set("messages", messages.deepCopy());
    Iterator<Map.Entry<String, JsonNode>> it = params.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      body.set(e.getKey(), e.getValue().deepCopy());
    }
    return body;
  }

  /** The text of the last user message (what a judge is told the input was). */
  public String input() {
    return lastUserText(messages);
  }

  static String lastUserText(ArrayNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText())) {
        return m.path("content").asText("");
      }
    }
    return "";
  }
}
