package dev.gantry.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One configured guardrail check of a route ({@code routes.<name>.guardrails.input[i]} or {@code
 * .output[i]}). The variants carry their own options; {@link Settings} holds what every check
 * shares. Immutable.
 */
public sealed interface GuardCheck {

  /** The check's name as written in config and reported in errors and headers. */
  String name();

  Settings settings();

  /**
   * Options every check shares.
   *
   * @param action what happens when the check triggers
   * @param threshold score in {@code 0..1} at or above which the check triggers
   * @param timeout time budget of one evaluation; beyond it the check counts as failed
   * @param failClosed when the check fails or times out: true blocks, false lets the text pass
   */
  record Settings(GuardAction action, double threshold, Duration timeout, boolean failClosed) {
    public Settings {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(timeout, "timeout");
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold " + threshold + " is outside 0..1");
      }
    }
  }

  /**
   * Prompt-injection and jailbreak detection on the input.
   *
   * @param roles message roles whose text is scanned ({@code tool} covers indirect injection)
   */
  record Injection(Settings settings, Set<String> roles) implements GuardCheck {
    public Injection {
      Objects.requireNonNull(settings, "settings");
      roles = Set.copyOf(roles);
    }

    @Override
    public String name() {
      return "injection";
    }
  }

  /**
   * PII and credential detection, on input or output.
   *
   * @param types PII type names to act on (empty: all the detector knows)
   * @param restore after input redaction, put the original values back into the answer
   */
  record Pii(Settings settings, Set<String> types, boolean restore) implements GuardCheck {
    public Pii {
      Objects.requireNonNull(settings, "settings");
      types = Set.copyOf(types);
    }

    @Override
    public String name() {
      return "pii";
    }
  }

  /**
   * Topic filtering on the last user message by embedding similarity.
   *
   * @param allowed topics the route serves (empty: everything not denied)
   * @param denied topics the route refuses
   * @param redirectMessage the answer an off-topic request gets
   */
  record Topic(
      Settings settings, List<TopicSpec> allowed, List<TopicSpec> denied, String redirectMessage)
      implements GuardCheck {
    public Topic {
      Objects.requireNonNull(settings, "settings");
      allowed = List.copyOf(allowed);
      denied = List.copyOf(denied);
      Objects.requireNonNull(redirectMessage, "redirectMessage");
    }

    @Override
    public String name() {
      return "topic";
    }
  }

  /** A topic described by a few example sentences. */
  record TopicSpec(String name, List<String> examples) {
    public TopicSpec {
      Objects.requireNonNull(name, "name");
      examples = List.copyOf(examples);
    }
  }

  /**
   * Safety classification (hate, harassment, self-harm, sexual, sexual/minors, violence, illicit),
   * on input or output. A category triggers when its score reaches its threshold: the one in {@code
   * thresholds}, else {@link Settings#threshold()}; categories in {@code off} are not acted on.
   *
   * @param thresholds per-category thresholds in {@code 0..1}, by category name
   * @param off category names that never trigger
   */
  record Safety(Settings settings, java.util.Map<String, Double> thresholds, Set<String> off)
      implements GuardCheck {
    public Safety {
      Objects.requireNonNull(settings, "settings");
      thresholds = java.util.Map.copyOf(thresholds);
      off = Set.copyOf(off);
      thresholds.forEach(
          (k, v) -> {
            if (!(v >= 0 && v <= 1)) {
              throw new IllegalArgumentException(
                  "threshold " + v + " of " + k + " is outside 0..1");
            }
          });
    }

    @Override
    public String name() {
      return "safety";
    }
  }

  /**
   * Output format: valid JSON for {@code json_object}, JSON Schema for {@code json_schema} or the
   * route-level {@code schemaJson}.
   *
   * @param schemaJson a JSON Schema as JSON text applied to every answer of the route; null when
   *     only the request's {@code response_format} decides
   */
  record Json(Settings settings, String schemaJson) implements GuardCheck {
    public Json {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
      return "json";
    }
  }

  /**
   * System-prompt leakage: a random canary token is added to the system message and the answer must
   * not contain it.
   */
  record Canary(Settings settings) implements GuardCheck {
    public Canary {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
      return "canary";
    }
  }

  /**
   * Factual grounding of answers in the route's retrieved sources (output only).
   *
   * @param citations also trigger when a claim's {@code [n]} cites a source that does not support
   *     it
   */
  record Grounding(Settings settings, boolean citations) implements GuardCheck {
    public Grounding {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
      return "grounding";
    }
  }

  /**
   * Declarative business rules: each rule's CEL condition is evaluated on the text and the request;
   * a rule whose condition is true triggers with its message.
   */
  record Rules(Settings settings, List<BusinessRule> rules, String dataJson) implements GuardCheck {
    public Rules {
      Objects.requireNonNull(settings, "settings");
      rules = List.copyOf(rules);
      Objects.requireNonNull(dataJson, "dataJson");
    }

    @Override
    public String name() {
      return "rules";
    }
  }

  /**
   * One business rule ({@code rules[i]}).
   *
   * @param name names the rule in findings and errors
   * @param when a CEL expression that is true when the rule is broken
   * @param message what the rule says (the client's refusal, the reprompt, the finding)
   * @param action the rule's own action, or null for the check's
   * @param path the rule's configuration path, for errors found when it is compiled
   */
  record BusinessRule(String name, String when, String message, GuardAction action, String path) {
    public BusinessRule {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(when, "when");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * A check answered by an external guardrail server over HTTP.
   *
   * @param kind {@code nemo} (NeMo Guardrails' {@code /v1/chat/completions} with a {@code
   *     config_id}), {@code guardrails_ai} (Guardrails AI's {@code /guards/{name}/validate}) or
   *     {@code webhook} (Gantry's own small contract)
   * @param url the server's base URL (the webhook's full URL)
   * @param target the NeMo {@code config_id} or the Guardrails AI guard name; "" for a webhook
   * @param apiKey sent as {@code Authorization: Bearer}, or null
   */
  record External(Settings settings, String kind, java.net.URI url, String target, Secret apiKey)
      implements GuardCheck {
    public External {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
      return kind;
    }
  }
}
