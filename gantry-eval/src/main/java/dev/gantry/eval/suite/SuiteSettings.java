package dev.gantry.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.eval.assertion.AssertionParser;
import dev.gantry.eval.internal.Fields;
import dev.gantry.eval.judge.JudgeSettings;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the suite-level blocks {@code target}, {@code thresholds} and {@code judge}. Stateless. */
final class SuiteSettings {
  private SuiteSettings() {}

  static Target target(JsonNode n) {
    if (Fields.absent(n)) {
      return Target.NONE;
    }
    Fields.onlyKeys(n, "target", List.of("url", "model", "key_env"));
    String url =
        Fields.absent(n.get("url")) ? null : Fields.nonBlank(n.get("url"), "target.url").strip();
    if (url != null && !url.matches("(?i)https?://\\S+")) {
      throw Fields.invalid("target.url", "an http:// or https:// URL", n.get("url"));
    }
    return new Target(
        url,
        Fields.absent(n.get("model"))
            ? null
            : Fields.nonBlank(n.get("model"), "target.model").strip(),
        Fields.absent(n.get("key_env"))
            ? null
            : Fields.nonBlank(n.get("key_env"), "target.key_env").strip());
  }

  static Thresholds thresholds(JsonNode n) {
    Fields.onlyKeys(
        n, "thresholds", List.of("pass_rate", "mean_score", "p95_latency_ms", "total_cost_usd"));
    Double passRate =
        Fields.absent(n.get("pass_rate"))
            ? null
            : Fields.number(n.get("pass_rate"), "thresholds.pass_rate", 0, 1);
    Map<String, Double> mean = new LinkedHashMap<>();
    JsonNode m = n.get("mean_score");
    if (!Fields.absent(m)) {
      if (!m.isObject()) {
        throw Fields.invalid(
            "thresholds.mean_score", "a mapping of assertion type to minimum mean score", m);
      }
      Iterator<Map.Entry<String, JsonNode>> it = m.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String label = AssertionParser.label(e.getKey());
        if (label == null) {
          throw new IllegalArgumentException(
              "thresholds.mean_score."
                  + e.getKey()
                  + ": unknown assertion type; known types: "
                  + String.join(", ", AssertionParser.TYPES));
        }
        mean.put(label, Fields.number(e.getValue(), "thresholds.mean_score." + e.getKey(), 0, 1));
      }
    }
    Long p95 =
        Fields.absent(n.get("p95_latency_ms"))
            ? null
            : Fields.integer(n.get("p95_latency_ms"), "thresholds.p95_latency_ms", 1, 86_400_000L);
    BigDecimal cost =
        Fields.absent(n.get("total_cost_usd"))
            ? null
            : Fields.decimal(n.get("total_cost_usd"), "thresholds.total_cost_usd");
    return new Thresholds(passRate, mean, p95, cost);
  }

  static JudgeSettings judge(JsonNode n) {
    if (Fields.absent(n)) {
      return JudgeSettings.DEFAULTS;
    }
    Fields.onlyKeys(n, "judge", List.of("model", "scale", "threshold", "instructions"));
    JudgeSettings d = JudgeSettings.DEFAULTS;
    int min = d.scaleMin();
    int max = d.scaleMax();
    JsonNode scale = n.get("scale");
    if (!Fields.absent(scale)) {
      if (scale.isArray() && scale.size() == 2) {
        min = (int) Fields.integer(scale.get(0), "judge.scale[0]", -1000, 1000);
        max = (int) Fields.integer(scale.get(1), "judge.scale[1]", -1000, 1000);
      } else if (scale.isObject()) {
        Fields.onlyKeys(scale, "judge.scale", List.of("min", "max"));
        min = (int) Fields.integer(scale.get("min"), "judge.scale.min", -1000, 1000);
        max = (int) Fields.integer(scale.get("max"), "judge.scale.max", -1000, 1000);
      } else {
        throw Fields.invalid("judge.scale", "[min, max] or {min, max}", scale);
      }
      if (max <= min) {
        throw new IllegalArgumentException(
            "judge.scale: max must be greater than min, got " + min + ".." + max);
      }
    }
    return new JudgeSettings(
        Fields.absent(n.get("model"))
            ? null
            : Fields.nonBlank(n.get("model"), "judge.model").strip(),
        min,
        max,
        Fields.absent(n.get("threshold"))
            ? d.threshold()
            : Fields.number(n.get("threshold"), "judge.threshold", 0, 1),
        Fields.absent(n.get("instructions"))
            ? null
            : Fields.text(n.get("instructions"), "judge.instructions"));
  }
}
