package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads scenario YAML into a {@link Scenario}; every error names the offending path. */
final class ScenarioParser {
  private static final Set<String> TOP_KEYS =
      Set.of(
          "seed",
          "models",
          "latency",
          "chunk_tokens",
          "rate_limit",
          "faults",
          "rules",
          "default_reply",
          "auth",
          "reasoning_tokens");

  private ScenarioParser() {}

  static Scenario parse(String yaml) {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel("scenario").build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException("invalid YAML: " + e.getMessage(), e);
    }
    YamlNode root = YamlNode.root(doc);
    if (root.isNull()) {
      return Scenario.instant();
    }
    root.asMap(TOP_KEYS);

    YamlNode seedNode = root.get("seed");
    Long seed = seedNode.isNull() ? null : seedNode.asLong(Long.MIN_VALUE, Long.MAX_VALUE, 0);

    int rpm = 0;
    YamlNode rateLimit = root.get("rate_limit");
    if (!rateLimit.isNull()) {
      rateLimit.asMap(Set.of("rpm"));
      rpm = rateLimit.get("rpm").asInt(1, 100_000_000, 0);
      if (rpm == 0) {
        throw rateLimit.get("rpm").error("required: requests per minute (>= 1)");
      }
    }

    List<Fault> faults = new ArrayList<>();
    YamlNode faultsNode = root.get("faults");
    if (!faultsNode.isNull()) {
      for (YamlNode f : faultsNode.asList()) {
        faults.add(Fault.parse(f));
      }
    }

    List<Rule> rules = new ArrayList<>();
    YamlNode rulesNode = root.get("rules");
    if (!rulesNode.isNull()) {
      for (YamlNode r : rulesNode.asList()) {
        rules.add(rule(r));
      }
    }

    YamlNode auth = root.get("auth");
    String openAiKey = null;
    String anthropicKey = null;
    if (!auth.isNull()) {
      auth.asMap(Set.of("openai_key", "anthropic_key"));
      openAiKey = auth.get("openai_key").asString(null);
      anthropicKey = auth.get("anthropic_key").asString(null);
    }

    java.util.Map<String, Integer> reasoning = new java.util.LinkedHashMap<>();
    YamlNode reasoningNode = root.get("reasoning_tokens");
    if (!reasoningNode.isNull()) {
      for (Object model : reasoningNode.asMap().keySet()) {
        String m = String.valueOf(model);
        reasoning.put(m, reasoningNode.get(m).asInt(0, 1_000_000, 0));
      }
    }

    return new Scenario(
        seed,
        root.get("models").asStringList(),
        LatencyModel.parse(root.get("latency")),
        root.get("chunk_tokens").asInt(1, 10_000, 1),
        rpm,
        faults,
        rules,
        new Reply.Text(root.get("default_reply").asString(Scenario.DEFAULT_REPLY)),
        openAiKey,
        anthropicKey,
        reasoning);
  }

  private static Rule rule(YamlNode node) {
    node.asMap(Set.of("match", "reply", "json", "tool_call", "echo"));
    YamlNode match = node.get("match");
    String contains = null;
    Pattern regex = null;
    String model = null;
    if (!match.isNull()) {
      match.asMap(Set.of("contains", "regex", "model"));
      contains = match.get("contains").asString(null);
      String re = match.get("regex").asString(null);
      if (re != null) {
        try {
          regex = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
          throw match.get("regex").error("invalid regular expression: " + e.getDescription());
        }
      }
      model = match.get("model").isNull() ? null : match.get("model").asScalarString();
    }
    return new Rule(contains, regex, model, reply(node));
  }

  private static Reply reply(YamlNode node) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("reply", "json", "tool_call", "echo")) {
      if (!node.get(key).isNull()) {
        given.add(key);
      }
    }
    if (given.size() != 1) {
      throw node.error(
          "a rule needs exactly one of reply, json, tool_call, echo"
              + (given.isEmpty() ? "" : "; got " + String.join(", ", given)));
    }
    switch (given.get(0)) {
      case "reply" -> {
        return new Reply.Text(node.get("reply").asString());
      }
      case "echo" -> {
        String what = node.get("echo").asString();
        if (!what.equals("system") && !what.equals("user")) {
          throw node.get("echo").error("expected system or user, got '" + what + "'");
        }
        return new Reply.Echo(what);
      }
      case "json" -> {
        return Reply.json(toJson(node.get("json")));
      }
      default -> {
        YamlNode call = node.get("tool_call");
        call.asMap(Set.of("name", "arguments"));
        String name = call.get("name").asString();
        YamlNode args = call.get("arguments");
        JsonNode arguments;
        if (args.isNull()) {
          arguments = Json.MAPPER.createObjectNode();
        } else if (args.value() instanceof String text) {
          arguments = Json.tryParse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          if (arguments == null || !arguments.isObject()) {
            throw args.error("expected a mapping or a JSON object string");
          }
        } else {
          args.asMap();
          arguments = toJson(args);
        }
        return new Reply.ToolCall(name, Json.toString(arguments));
      }
    }
  }

  private static JsonNode toJson(YamlNode node) {
    try {
      return Json.MAPPER.valueToTree(node.value());
    } catch (IllegalArgumentException e) {
      throw node.error("cannot be written as JSON: " + e.getMessage());
    }
  }
}
