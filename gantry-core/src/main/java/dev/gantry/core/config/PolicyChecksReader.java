package dev.gantry.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.api.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the options of the checks that judge against something outside the text: {@code grounding}
 * (the retrieved sources), {@code rules} (declarative business rules) and the external guardrail
 * servers ({@code nemo}, {@code guardrails_ai}, {@code webhook}). Rule conditions are compiled by
 * the guardrails library, which reports their errors through {@link ConfigExtension}. Not
 * thread-safe; one per load.
 */
final class PolicyChecksReader {
  static final List<String> EXTERNAL = List.of("nemo", "guardrails_ai", "webhook");
  static final List<String> RULE_KEYS = List.of("name", "when", "message", "action");

  private final NodeReader r;
  private final Problems problems;
  private final ProviderReader urls;

  PolicyChecksReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
    this.urls = new ProviderReader(reader);
  }

  static List<String> optionKeys(String kind) {
    switch (kind) {
      case "grounding":
        return List.of("citations");
      case "rules":
        return List.of("rules", "data");
      case "nemo":
        return List.of("url", "config_id", "api_key");
      case "guardrails_ai":
        return List.of("url", "guard", "api_key");
      case "webhook":
        return List.of("url", "api_key");
      default:
        return null;
    }
  }

  /** The actions a kind allows, or null when the kind is not one of these. */
  static Set<GuardAction> allowedActions(String kind, boolean input) {
    if (kind.equals("grounding") || (kind.equals("rules") && !input)) {
      return EnumSet.of(GuardAction.BLOCK, GuardAction.FLAG, GuardAction.REPROMPT);
    }
    if (kind.equals("rules") || EXTERNAL.contains(kind)) {
      return EnumSet.of(GuardAction.BLOCK, GuardAction.FLAG);
    }
    return null;
  }

  GuardCheck read(
      String kind, Map<String, Node> m, String path, GuardCheck.Settings s, boolean in) {
    switch (kind) {
      case "grounding":
        return new GuardCheck.Grounding(s, r.bool(m.get("citations"), path + ".citations", true));
      case "rules":
        return rules(m, path, s, in);
      default:
        return external(kind, m, path, s);
    }
  }

  private GuardCheck rules(Map<String, Node> m, String path, GuardCheck.Settings s, boolean in) {
    List<GuardCheck.BusinessRule> out = new ArrayList<>();
    List<Node> items = r.list(m.get("rules"), path + ".rules");
    if (items == null || items.isEmpty()) {
      problems.add(path + ".rules", "required: at least one rule {name, when, message}");
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    Set<GuardAction> allowed = allowedActions("rules", in);
    for (int i = 0; i < items.size(); i++) {
      String p = path + ".rules[" + i + "]";
      Map<String, Node> rule = r.map(items.get(i), p, RULE_KEYS);
      if (rule == null) {
        continue;
      }
      String name = r.required(rule.get("name"), p + ".name", "a short name for the rule");
      String when = r.required(rule.get("when"), p + ".when", "a CEL condition, true when broken");
      String message = r.required(rule.get("message"), p + ".message", "what the rule says");
      String a = r.string(rule.get("action"), p + ".action", null);
      GuardAction action = null;
      if (a != null) {
        for (GuardAction g : allowed) {
          if (g.configName().equals(a.strip())) {
            action = g;
          }
        }
        if (action == null) {
          problems.add(
              p + ".action",
              "'"
                  + a
                  + "' is not allowed for a rule here; allowed "
                  + String.join(", ", allowed.stream().map(GuardAction::configName).toList()));
        }
      }
      if (name != null && !names.add(name)) {
        problems.add(p + ".name", "'" + name + "' is used by another rule of this check");
      }
      if (name != null && when != null && message != null) {
        out.add(new GuardCheck.BusinessRule(name, when, message, action, p));
      }
    }
    String data = "{}";
    Object plain = r.plain(m.get("data"), path + ".data");
    if (plain != null) {
      if (!(plain instanceof Map)) {
        problems.add(path + ".data", "expected a map of values the rules may read as data");
      } else {
        try {
          data = Json.MAPPER.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
          problems.add(path + ".data", "cannot be written as JSON: " + e.getOriginalMessage());
        }
      }
    }
    return new GuardCheck.Rules(s, out, data);
  }

  private GuardCheck external(
      String kind, Map<String, Node> m, String path, GuardCheck.Settings s) {
    URI url = urls.baseUrl(m.get("url"), path + ".url");
    String target = "";
    if (kind.equals("nemo")) {
      target = r.required(m.get("config_id"), path + ".config_id", "the rails configuration id");
    } else if (kind.equals("guardrails_ai")) {
      target = r.required(m.get("guard"), path + ".guard", "the name of the guard to call");
    }
    Secret key = null;
    Node k = m.get("api_key");
    if (!NodeReader.absent(k)) {
      Text t = r.text(k, path + ".api_key", true);
      if (t != null && !t.value().isEmpty()) {
        key = Secret.of(t.value());
      }
    }
    if (url == null || target == null) {
      return null;
    }
    return new GuardCheck.External(s, kind, url, target, key);
  }
}
