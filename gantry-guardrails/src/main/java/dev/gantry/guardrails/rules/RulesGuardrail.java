package dev.gantry.guardrails.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.ContextualInputGuardrail;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's business rules on input or output. Every rule's condition is evaluated; the rules whose
 * condition is true are broken. The strongest action among them decides (block, then reprompt, then
 * flag), with the broken rules' messages. A condition that cannot be evaluated on a text (say it
 * reads a JSON field the answer does not have) counts as not broken: guard such reads with {@code
 * has()}. On streams the rules judge the whole answer, at its end. Shared and thread-safe.
 */
public final class RulesGuardrail implements ContextualInputGuardrail, OutputGuardrail {
  /** One compiled rule. */
  record Compiled(GuardCheck.BusinessRule rule, CelRuntime.Program program) {}

  private final List<Compiled> rules;
  private final GuardAction action;
  private final Object data;

  private RulesGuardrail(List<Compiled> rules, GuardAction action, Object data) {
    this.rules = List.copyOf(rules);
    this.action = action;
    this.data = data;
  }

  /**
   * Compiles the check's rules.
   *
   * @throws IllegalArgumentException naming the first rule that does not compile, its configuration
   *     path and the position in the condition
   */
  public static RulesGuardrail of(GuardCheck.Rules check) {
    List<String> problems = problems(check);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    List<Compiled> out = new ArrayList<>();
    for (GuardCheck.BusinessRule r : check.rules()) {
      try {
        out.add(new Compiled(r, RuleLanguage.compile(r.when())));
      } catch (RuleLanguage.CompileException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    Object data = JsonValues.of(Json.tryParse(check.dataJson().getBytes(StandardCharsets.UTF_8)));
    return new RulesGuardrail(out, check.settings().action(), data == null ? Map.of() : data);
  }

  /** Every rule of the check that does not compile, as {@code path: rule 'name': position: why}. */
  public static List<String> problems(GuardCheck.Rules check) {
    List<String> out = new ArrayList<>();
    for (GuardCheck.BusinessRule r : check.rules()) {
      try {
        RuleLanguage.compile(r.when());
      } catch (RuleLanguage.CompileException e) {
        for (RuleLanguage.Problem p : e.problems()) {
          out.add(r.path() + ".when: rule '" + r.name() + "': " + p);
        }
      }
    }
    return out;
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public GuardrailResult check(GuardText text, CheckContext context) {
    return evaluate(text.text(), context);
  }

  @Override
  public GuardrailResult check(OutputText output) {
    if (!output.complete()) {
      return new GuardrailResult.Pass(name(), 0);
    }
    CheckContext c = output.context();
    return evaluate(output.text(), c == CheckContext.NONE ? c : c.with("output", "assistant"));
  }

  GuardrailResult evaluate(String text, CheckContext context) {
    Map<String, Object> vars = new HashMap<>();
    Object json = JsonValues.parse(text);
    vars.put("text", text);
    vars.put("json", json == null ? Map.of() : json);
    vars.put("is_json", json != null);
    vars.put("request", request(context));
    vars.put("data", data);
    List<Compiled> broken = new ArrayList<>();
    for (Compiled c : rules) {
      Object v;
      try {
        v = c.program().eval(vars);
      } catch (CelEvaluationException e) {
        continue;
      }
      if (Boolean.TRUE.equals(v)) {
        broken.add(c);
      }
    }
    if (broken.isEmpty()) {
      return new GuardrailResult.Pass(name(), 0);
    }
    GuardAction decided = GuardAction.FLAG;
    List<String> messages = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Compiled c : broken) {
      GuardAction a = c.rule().action() == null ? action : c.rule().action();
      if (rank(a) > rank(decided)) {
        decided = a;
      }
    }
    for (Compiled c : broken) {
      GuardAction a = c.rule().action() == null ? action : c.rule().action();
      if (a == decided) {
        messages.add(c.rule().message());
        names.add(c.rule().name());
      }
    }
    String reason =
        "broken rule(s) " + String.join(", ", names) + ": " + String.join(" ", messages);
    switch (decided) {
      case BLOCK:
        return new GuardrailResult.Reject(name(), 1, reason, List.of(), String.join(" ", messages));
      case REPROMPT:
        return new GuardrailResult.Reprompt(name(), 1, String.join(" ", messages));
      default:
        return new GuardrailResult.Flag(name(), 1, reason, List.of());
    }
  }

  private static int rank(GuardAction a) {
    return a == GuardAction.BLOCK ? 3 : a == GuardAction.REPROMPT ? 2 : 1;
  }

  private static Map<String, Object> request(CheckContext c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("route", c.route());
    m.put("tenant", c.tenant());
    m.put("customer", c.customer());
    m.put("tags", c.tags());
    m.put("metadata", c.metadata());
    m.put("phase", c.phase());
    m.put("role", c.role());
    return m;
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.rule().name()));
    return "rules(" + action.configName() + ", " + names + ")";
  }
}
