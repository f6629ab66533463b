package dev.gantry.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.api.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code routes.<name>.guardrails}. Every check names its kind with {@code check:}; the
 * actions each kind allows depend on whether it runs on the input or the output. Not thread-safe;
 * one per load.
 */
final class GuardrailsReader {
  static final List<String> KEYS =
      List.of("input", "output", "refusal_message", "stream_window_chars");
  static final List<String> COMMON = List.of("check", "action", "threshold", "timeout", "on_error");
  static final List<String> INPUT_CHECKS =
      List.of("injection", "pii", "topic", "safety", "rules", "nemo", "guardrails_ai", "webhook");
  static final List<String> OUTPUT_CHECKS =
      List.of(
          "json",
          "pii",
          "canary",
          "safety",
          "grounding",
          "rules",
          "nemo",
          "guardrails_ai",
          "webhook");
  static final List<String> SAFETY_CATEGORIES =
      List.of("hate", "harassment", "self-harm", "sexual", "sexual/minors", "violence", "illicit");
  static final List<String> PII_TYPES =
      List.of(
          "EMAIL",
          "PHONE",
          "PAYMENT_CARD",
          "IBAN",
          "US_SSN",
          "IP_ADDRESS",
          "CREDENTIAL",
          "PERSON",
          "LOCATION",
          "ADDRESS");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  private final NodeReader r;
  private final Problems problems;

  GuardrailsReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  GuardrailsConfig read(Node node, String path) {
    Map<String, Node> m = r.map(node, path, KEYS);
    if (m == null || m.isEmpty()) {
      return GuardrailsConfig.NONE;
    }
    int before = problems.size();
    List<GuardCheck> input = checks(m.get("input"), path + ".input", true);
    List<GuardCheck> output = checks(m.get("output"), path + ".output", false);
    String refusal = r.string(m.get("refusal_message"), path + ".refusal_message", null);
    if (refusal != null && refusal.isBlank()) {
      problems.add(path + ".refusal_message", "must not be empty when set");
    }
    int window =
        r.integer(m.get("stream_window_chars"), path + ".stream_window_chars", 200, 16, 1_000_000);
    return problems.size() > before
        ? GuardrailsConfig.NONE
        : new GuardrailsConfig(input, output, refusal, window);
  }

  private List<GuardCheck> checks(Node node, String path, boolean input) {
    List<GuardCheck> out = new ArrayList<>();
    List<Node> items = r.list(node, path);
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; items != null && i < items.size(); i++) {
      GuardCheck c = check(items.get(i), path + "[" + i + "]", input);
      if (c != null) {
        if (!seen.add(c.name())) {
          problems.add(path + "[" + i + "].check", "'" + c.name() + "' is listed twice");
        }
        out.add(c);
      }
    }
    return out;
  }

  private GuardCheck check(Node node, String path, boolean input) {
    Map<String, Node> m = r.map(node, path, null);
    if (m == null) {
      return null;
    }
    List<String> kinds = input ? INPUT_CHECKS : OUTPUT_CHECKS;
    String kind = r.required(m.get("check"), path + ".check", "one of " + String.join(", ", kinds));
    if (kind == null) {
      return null;
    }
    if (!kinds.contains(kind)) {
      problems.add(
          path + ".check",
          "'"
              + kind
              + "' is not an "
              + (input ? "input" : "output")
              + " check; allowed "
              + String.join(", ", kinds)
              + Suggestions.didYouMean(kind, kinds));
      return null;
    }
    int before = problems.size();
    List<String> allowedKeys = new ArrayList<>(COMMON);
    allowedKeys.addAll(optionKeys(kind));
    m = r.map(node, path, allowedKeys);
    if (m == null) {
      return null;
    }
    GuardCheck.Settings s = settings(m, path, kind, input);
    GuardCheck out = null;
    if (s != null && PolicyChecksReader.optionKeys(kind) != null) {
      out = new PolicyChecksReader(r).read(kind, m, path, s, input);
    } else if (s != null) {
      switch (kind) {
        case "injection":
          List<String> roles = r.strings(m.get("roles"), path + ".roles");
          out = new GuardCheck.Injection(s, roles.isEmpty() ? Set.of("user") : Set.copyOf(roles));
          break;
        case "pii":
          Set<String> types = new LinkedHashSet<>();
          List<String> given = r.strings(m.get("types"), path + ".types");
          for (int i = 0; i < given.size(); i++) {
            String t = given.get(i).strip().toUpperCase(Locale.ROOT);
            if (!PII_TYPES.contains(t)) {
              problems.add(
                  path + ".types[" + i + "]",
                  "'"
                      + given.get(i)
                      + "' is not a PII type; allowed "
                      + String.join(", ", PII_TYPES)
                      + Suggestions.didYouMean(t, PII_TYPES));
            }
            types.add(t);
          }
          out = new GuardCheck.Pii(s, types, r.bool(m.get("restore"), path + ".restore", false));
          break;
        case "topic":
          out = topic(m, path, s);
          break;
        case "json":
          out = new GuardCheck.Json(s, schema(m.get("schema"), path + ".schema"));
          break;
        case "safety":
          out = safety(m.get("categories"), path + ".categories", s);
          break;
        default:
          out = new GuardCheck.Canary(s);
      }
    }
    return problems.size() > before ? null : out;
  }

  private static List<String> optionKeys(String kind) {
    List<String> policy = PolicyChecksReader.optionKeys(kind);
    if (policy != null) {
      return policy;
    }
    switch (kind) {
      case "injection":
        return List.of("roles");
      case "pii":
        return List.of("types", "restore");
      case "topic":
        return List.of("allowed", "denied", "redirect_message");
      case "json":
        return List.of("schema");
      case "safety":
        return List.of("categories");
      default:
        return List.of();
    }
  }

  private GuardCheck.Settings settings(
      Map<String, Node> m, String path, String kind, boolean input) {
    Set<GuardAction> allowed = allowedActions(kind, input);
    GuardAction fallback =
        allowed.contains(GuardAction.REDACT) ? GuardAction.REDACT : GuardAction.BLOCK;
    GuardAction action = fallback;
    String a = r.string(m.get("action"), path + ".action", null);
    if (a != null) {
      action = null;
      for (GuardAction g : allowed) {
        if (g.configName().equals(a.strip())) {
          action = g;
        }
      }
      if (action == null) {
        List<String> names = allowed.stream().map(GuardAction::configName).toList();
        problems.add(
            path + ".action",
            "'" + a + "' is not allowed for " + kind + "; allowed " + String.join(", ", names));
        return null;
      }
    }
    double threshold =
        r.decimal(m.get("threshold"), path + ".threshold", defaultThreshold(kind), 0, 1);
    Duration timeout = r.duration(m.get("timeout"), path + ".timeout", DEFAULT_TIMEOUT, false);
    String onError = r.string(m.get("on_error"), path + ".on_error", "open").strip();
    if (!onError.equals("open") && !onError.equals("closed")) {
      problems.add(path + ".on_error", "'" + onError + "' is not allowed; allowed open, closed");
      return null;
    }
    return new GuardCheck.Settings(action, threshold, timeout, onError.equals("closed"));
  }

  static Set<GuardAction> allowedActions(String kind, boolean input) {
    Set<GuardAction> policy = PolicyChecksReader.allowedActions(kind, input);
    if (policy != null) {
      return policy;
    }
    switch (kind) {
      case "pii":
        return EnumSet.of(GuardAction.REDACT, GuardAction.BLOCK, GuardAction.FLAG);
      case "json":
        return EnumSet.of(GuardAction.BLOCK, GuardAction.REPROMPT, GuardAction.FLAG);
      default:
        return EnumSet.of(GuardAction.BLOCK, GuardAction.FLAG);
    }
  }

  static double defaultThreshold(String kind) {
    return kind.equals("topic") ? 0.40 : 0.5;
  }

  private GuardCheck topic(Map<String, Node> m, String path, GuardCheck.Settings s) {
    List<GuardCheck.TopicSpec> allowed = topics(m.get("allowed"), path + ".allowed");
    List<GuardCheck.TopicSpec> denied = topics(m.get("denied"), path + ".denied");
    if (allowed.isEmpty() && denied.isEmpty()) {
      problems.add(path, "a topic check needs at least one allowed or denied topic");
      return null;
    }
    String redirect =
        r.string(
            m.get("redirect_message"),
            path + ".redirect_message",
            "I can't help with that topic here.");
    return new GuardCheck.Topic(s, allowed, denied, redirect);
  }

  private List<GuardCheck.TopicSpec> topics(Node node, String path) {
    List<GuardCheck.TopicSpec> out = new ArrayList<>();
    List<Node> items = r.list(node, path);
    for (int i = 0; items != null && i < items.size(); i++) {
      String p = path + "[" + i + "]";
      Map<String, Node> t = r.map(items.get(i), p, List.of("name", "examples"));
      if (t == null) {
        continue;
      }
      String name = r.required(t.get("name"), p + ".name", "a topic name");
      List<String> examples = r.strings(t.get("examples"), p + ".examples");
      if (examples.isEmpty()) {
        problems.add(p + ".examples", "required: a few sentences that describe the topic");
      }
      if (name != null && !examples.isEmpty()) {
        out.add(new GuardCheck.TopicSpec(name, examples));
      }
    }
    return out;
  }

  /**
   * {@code categories: {hate: 0.6, sexual: off}}: a threshold in 0..1 per category, or {@code off}.
   */
  private GuardCheck safety(Node node, String path, GuardCheck.Settings s) {
    Map<String, Double> thresholds = new java.util.LinkedHashMap<>();
    Set<String> off = new LinkedHashSet<>();
    Map<String, Node> m = node == null ? null : r.map(node, path, null);
    if (m != null) {
      for (Map.Entry<String, Node> e : m.entrySet()) {
        String name = e.getKey().strip().toLowerCase(Locale.ROOT);
        String p = path + "." + e.getKey();
        if (!SAFETY_CATEGORIES.contains(name)) {
          problems.add(
              p,
              "'"
                  + e.getKey()
                  + "' is not a safety category; allowed "
                  + String.join(", ", SAFETY_CATEGORIES)
                  + Suggestions.didYouMean(name, SAFETY_CATEGORIES));
          continue;
        }
        Object v = r.plain(e.getValue(), p);
        if ("off".equals(v) || Boolean.FALSE.equals(v)) {
          off.add(name);
        } else {
          thresholds.put(name, r.decimal(e.getValue(), p, s.threshold(), 0, 1));
        }
      }
    }
    return new GuardCheck.Safety(s, thresholds, off);
  }

  private String schema(Node node, String path) {
    Object schema = r.plain(node, path);
    if (schema == null) {
      return null;
    }
    if (!(schema instanceof Map)) {
      problems.add(path, "expected a JSON Schema object (a map)");
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      problems.add(path, "cannot be written as JSON: " + e.getOriginalMessage());
      return null;
    }
  }
}
