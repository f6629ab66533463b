package dev.gantry.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gantry.eval.assertion.AssertionParser;
import dev.gantry.eval.assertion.AssertionSpec;
import dev.gantry.eval.assertion.CaseContext;
import dev.gantry.eval.internal.Fields;
import dev.gantry.eval.judge.JudgeSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one case entry (from YAML, a JSONL line or a CSV row) into an {@link EvalCase}, merging the
 * suite's defaults. Problems are added to a list, several per case where they are independent, each
 * prefixed with where the case is. Not thread-safe; one per suite being read.
 */
final class CaseReader {
  static final List<String> CASE_FIELDS =
      List.of(
          "id",
          "description",
          "messages",
          "prompt",
          "system",
          "vars",
          "model",
          "temperature",
          "max_tokens",
          "top_p",
          "seed",
          "params",
          "response_format",
          "tags",
          "assert",
          "threshold",
          "expected_sources");
  static final List<String> DEFAULT_FIELDS =
      List.of(
          "model",
          "temperature",
          "max_tokens",
          "top_p",
          "seed",
          "params",
          "system",
          "prompt",
          "vars",
          "assert",
          "threshold",
          "tags");
  private static final List<String> SAMPLING =
      List.of("temperature", "max_tokens", "top_p", "seed");
  private static final Set<String> RESERVED_PARAMS = Set.of("model", "messages", "stream", "n");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "developer");

  private final JsonNode defaults;
  private final JudgeSettings judge;
  private final List<String> problems;
  private final Set<String> seen = new java.util.HashSet<>();

  /**
   * @param defaults the suite's {@code defaults} mapping (already checked for unknown fields), or
   *     an empty object
   */
  CaseReader(JsonNode defaults, JudgeSettings judge, List<String> problems) {
    this.defaults = defaults;
    this.judge = judge;
    this.problems = problems;
  }

  /**
   * @param where how messages name the case before its id is known, e.g. {@code cases[3]} or {@code
   *     cases.jsonl line 4}
   * @return the case, or null when it had problems (they were recorded)
   */
  EvalCase read(JsonNode node, String where, int index) {
    int before = problems.size();
    if (node == null || !node.isObject()) {
      problems.add(where + ": expected a mapping (a case), got " + Fields.describe(node));
      return null;
    }
    String id = "case-" + (index + 1);
    if (!Fields.absent(node.get("id"))) {
      try {
        id = Fields.nonBlank(node.get("id"), "id").strip();
      } catch (IllegalArgumentException e) {
        problems.add(where + "." + e.getMessage());
      }
    }
    String at = where + " (id \"" + id + "\")";
    if (!seen.add(id)) {
      problems.add(at + ".id: duplicate case id");
    }
    try {
      Fields.onlyKeys(node, at, CASE_FIELDS);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Map<String, String> vars = vars(node, at);
    ArrayNode messages = attempt(at, () -> messages(node, vars, at));
    ObjectNode params = attempt(at, () -> params(node, at));
    List<String> tags =
        new ArrayList<>(
            new LinkedHashSet<>(
                concat(
                    attemptList(at, () -> optionalStrings(defaults.get("tags"), "defaults.tags")),
                    attemptList(at, () -> optionalStrings(node.get("tags"), at + ".tags")))));
    List<String> expected =
        attemptList(
            at, () -> optionalStrings(node.get("expected_sources"), at + ".expected_sources"));
    Double threshold =
        attempt(
            at,
            () -> {
              JsonNode t =
                  Fields.absent(node.get("threshold"))
                      ? defaults.get("threshold")
                      : node.get("threshold");
              String p =
                  Fields.absent(node.get("threshold")) ? "defaults.threshold" : at + ".threshold";
              return Fields.absent(t) ? null : Fields.number(t, p, 0, 1);
            });
    String model =
        attempt(
            at,
            () ->
                Fields.absent(node.get("model"))
                    ? null
                    : Fields.nonBlank(node.get("model"), at + ".model").strip());
    String description =
        attempt(
            at,
            () ->
                Fields.absent(node.get("description"))
                    ? null
                    : Fields.text(node.get("description"), at + ".description"));
    if (problems.size() > before || messages == null || params == null) {
      return null;
    }
    CaseContext context =
        new CaseContext(
            EvalCase.lastUserText(messages), expected, params.get("response_format"), judge);
    List<AssertionSpec> assertions = new ArrayList<>();
    assertions.addAll(assertions(defaults.get("assert"), "defaults.assert", at, vars, context));
    assertions.addAll(assertions(node.get("assert"), at + ".assert", at, vars, context));
    if (problems.size() > before) {
      return null;
    }
    return new EvalCase(
        id,
        index,
        description,
        model,
        messages,
        params,
        tags,
        assertions,
        threshold,
        expected,
        vars);
  }

  private Map<String, String> vars(JsonNode node, String at) {
    Map<String, String> vars = new LinkedHashMap<>();
    readVars(defaults.get("vars"), "defaults.vars", vars, at);
    readVars(node.get("vars"), at + ".vars", vars, at);
    return vars;
  }

  private void readVars(JsonNode n, String path, Map<String, String> into, String at) {
    if (Fields.absent(n)) {
      return;
    }
    if (!n.isObject()) {
      problems.add(Fields.invalid(path, "a mapping of names to values", n).getMessage());
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      into.put(e.getKey(), v.isValueNode() ? (v.isNull() ? "" : v.asText()) : v.toString());
    }
  }

  private ArrayNode messages(JsonNode node, Map<String, String> vars, String at) {
    JsonNode given = node.get("messages");
    JsonNode prompt = node.get("prompt");
    String system = null;
    String systemPath = null;
    if (!Fields.absent(node.get("system"))) {
      system = Fields.text(node.get("system"), at + ".system");
      systemPath = at + ".system";
    } else if (!Fields.absent(defaults.get("system"))) {
      system = Fields.text(defaults.get("system"), "defaults.system");
      systemPath = "defaults.system";
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (!Fields.absent(given) && !Fields.absent(prompt)) {
      throw new IllegalArgumentException(at + ": give either messages or prompt, not both");
    }
    if (!Fields.absent(given)) {
      if (!given.isArray() || given.isEmpty()) {
        throw Fields.invalid(at + ".messages", "a non-empty list of {role, content}", given);
      }
      for (int i = 0; i < given.size(); i++) {
        String p = at + ".messages[" + i + "]";
        JsonNode m = given.get(i);
        Fields.onlyKeys(m, p, List.of("role", "content", "name"));
        String role = Fields.nonBlank(m.get("role"), p + ".role");
        if (!ROLES.contains(role)) {
          throw Fields.invalid(p + ".role", "one of " + ROLES, m.get("role"));
        }
        ObjectNode msg = out.addObject();
        msg.put("role", role);
        msg.put(
            "content",
            Template.render(Fields.text(m.get("content"), p + ".content"), vars, p + ".content"));
        if (!Fields.absent(m.get("name"))) {
          msg.put("name", Fields.text(m.get("name"), p + ".name"));
        }
      }
    } else {
      String p = at + ".prompt";
      if (Fields.absent(prompt)) {
        prompt = defaults.get("prompt");
        p = "defaults.prompt";
      }
      if (Fields.absent(prompt)) {
        throw new IllegalArgumentException(
            at + ": needs messages or a prompt (or a defaults.prompt template)");
      }
      out.addObject()
          .put("role", "user")
          .put("content", Template.render(Fields.text(prompt, p), vars, p));
    }
    if (system != null && !"system".equals(out.get(0).path("role").asText())) {
      ObjectNode sys = JsonNodeFactory.instance.objectNode();
      sys.put("role", "system");
      sys.put("content", Template.render(system, vars, systemPath));
      out.insert(0, sys);
    }
    return out;
  }

  private ObjectNode params(JsonNode node, String at) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    merge(out, defaults.get("params"), "defaults.params");
    sampling(out, defaults, "defaults");
    merge(out, node.get("params"), at + ".params");
    sampling(out, node, at);
    JsonNode format = node.get("response_format");
    if (!Fields.absent(format)) {
      if (!format.isObject() || !format.path("type").isTextual()) {
        throw Fields.invalid(
            at + ".response_format",
            "a mapping with a type (json_schema, json_object or text)",
            format);
      }
      String type = format.get("type").asText();
      if (type.equals("json_schema") && !format.path("json_schema").path("schema").isObject()) {
        throw new IllegalArgumentException(
            at
                + ".response_format.json_schema.schema: a json_schema response format needs a schema mapping");
      }
      out.set("response_format", format.deepCopy());
    }
    return out;
  }

  private static void merge(ObjectNode out, JsonNode params, String path) {
    if (Fields.absent(params)) {
      return;
    }
    if (!params.isObject()) {
      throw Fields.invalid(path, "a mapping of request parameters", params);
    }
    Iterator<Map.Entry<String, JsonNode>> it = params.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (RESERVED_PARAMS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            path + "." + e.getKey() + ": set by the eval itself and not allowed here");
      }
      out.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  private static void sampling(ObjectNode out, JsonNode from, String path) {
    for (String key : SAMPLING) {
      JsonNode v = from.get(key);
      if (Fields.absent(v)) {
        continue;
      }
      String p = path + "." + key;
      switch (key) {
        case "temperature":
          out.put(key, Fields.number(v, p, 0, 2));
          break;
        case "top_p":
          out.put(key, Fields.number(v, p, 0, 1));
          break;
        case "max_tokens":
          out.put(key, Fields.integer(v, p, 1, 10_000_000));
          break;
        default:
          out.put(key, Fields.integer(v, p, Long.MIN_VALUE, Long.MAX_VALUE));
      }
    }
  }

  private List<AssertionSpec> assertions(
      JsonNode list, String path, String at, Map<String, String> vars, CaseContext context) {
    List<AssertionSpec> out = new ArrayList<>();
    if (Fields.absent(list)) {
      return out;
    }
    if (!list.isArray()) {
      problems.add(Fields.invalid(path, "a list of assertions", list).getMessage());
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      try {
        out.add(AssertionParser.parse(render(list.get(i), vars, p), context));
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        String full = m.startsWith(p) || m.startsWith(at) ? m : p + "." + m;
        // A defaults problem is the same for every case unless it depends on the case's vars.
        boolean perCase =
            !path.startsWith("defaults")
                || m.contains("unknown variable")
                || m.contains("expected_sources");
        problems.add(perCase && !full.startsWith(at) ? at + ": " + full : full);
      }
    }
    return out;
  }

  /** Substitutes variables in an assertion's string value (or list of strings). */
  private static JsonNode render(JsonNode assertion, Map<String, String> vars, String path) {
    if (assertion == null || !assertion.isObject()) {
      return assertion;
    }
    JsonNode value = assertion.get("value");
    if (value == null) {
      return assertion;
    }
    ObjectNode copy = assertion.deepCopy();
    if (value.isTextual()) {
      copy.set(
          "value", TextNode.valueOf(Template.render(value.textValue(), vars, path + ".value")));
    } else if (value.isArray()) {
      ArrayNode items = copy.putArray("value");
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        items.add(
            item.isTextual()
                ? TextNode.valueOf(
                    Template.render(item.textValue(), vars, path + ".value[" + i + "]"))
                : item);
      }
    }
    return copy;
  }

  private static List<String> optionalStrings(JsonNode n, String path) {
    if (Fields.absent(n)) {
      return List.of();
    }
    if (n.isArray()) {
      return Fields.stringList(n, path);
    }
    return Fields.strings(n, path);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private <T> T attempt(String at, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      problems.add(m.startsWith(at) || m.startsWith("defaults") ? m : at + ": " + m);
      return null;
    }
  }

  private List<String> attemptList(String at, java.util.function.Supplier<List<String>> read) {
    List<String> r = attempt(at, read);
    return r == null ? List.of() : r;
  }
}
