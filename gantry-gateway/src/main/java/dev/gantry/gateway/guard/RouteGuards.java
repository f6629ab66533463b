package dev.gantry.gateway.guard;

import dev.gantry.core.config.GuardCheck;
import dev.gantry.core.config.GuardrailsConfig;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.checks.CanaryGuardrail;
import dev.gantry.guardrails.checks.JsonFormatGuardrail;
import dev.gantry.guardrails.checks.PiiGuardrail;
import dev.gantry.guardrails.checks.SafetyGuardrail;
import dev.gantry.guardrails.checks.TopicGuardrail;
import dev.gantry.guardrails.pii.PiiType;
import dev.gantry.guardrails.safety.SafetyCategory;
import dev.gantry.guardrails.topic.Topic;
import dev.gantry.guardrails.topic.TopicFilter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route's guardrails, built from its configuration when the configuration is loaded (topic
 * examples are embedded then). Immutable and shared.
 */
public record RouteGuards(GuardrailsConfig config, List<In> input, List<Out> output) {

  /** An input guardrail and the configuration it was built from. */
  public record In(InputGuardrail guard, GuardCheck check) {}

  /** An output guardrail and the configuration it was built from. */
  public record Out(OutputGuardrail guard, GuardCheck check) {}

  public RouteGuards {
    input = List.copyOf(input);
    output = List.copyOf(output);
  }

  /** Guardrails for every route that configures some; routes without are absent. */
  public static Map<String, RouteGuards> forRoutes(
      Map<String, dev.gantry.core.config.RouteConfig> routes, Services services) {
    Map<String, RouteGuards> out = new java.util.LinkedHashMap<>();
    routes.forEach(
        (name, route) -> {
          if (!route.guardrails().isEmpty()) {
            out.put(name, build(route.guardrails(), services));
          }
        });
    return Map.copyOf(out);
  }

  static RouteGuards build(GuardrailsConfig config, Services services) {
    PolicyGuards policy = new PolicyGuards();
    List<In> in = new ArrayList<>();
    for (GuardCheck c : config.input()) {
      InputGuardrail g = policy.input(c);
      in.add(new In(g != null ? g : inputGuard(c, services), c));
    }
    List<Out> out = new ArrayList<>();
    for (GuardCheck c : config.output()) {
      OutputGuardrail g = policy.output(c);
      out.add(new Out(g != null ? g : outputGuard(c, services), c));
    }
    warmUp(config, services);
    return new RouteGuards(config, in, out);
  }

  /**
   * Loads the models the checks use and runs them once while the configuration loads, so that the
   * first requests do not pay for class loading and model start-up inside their time budget.
   */
  private static void warmUp(GuardrailsConfig config, Services services) {
    boolean pii = false;
    boolean embeds = false;
    for (GuardCheck c : config.input()) {
      pii |= c instanceof GuardCheck.Pii;
      embeds |= c instanceof GuardCheck.Topic || c instanceof GuardCheck.Injection;
    }
    for (GuardCheck c : config.output()) {
      pii |= c instanceof GuardCheck.Pii;
    }
    boolean safety =
        config.find(config.input(), GuardCheck.Safety.class) != null
            || config.find(config.output(), GuardCheck.Safety.class) != null;
    if (safety) {
      services.safety().classify("Warm-up: how do I bake bread?");
    }
    if (pii) {
      services.pii().detect("Warm-up: Jane Roe, 12 High Street, Leeds, jane@example.org.");
    }
    if (embeds) {
      services.embedder().embed("Warm-up sentence for the embedding model.");
    }
    for (GuardCheck c : config.input()) {
      if (c instanceof GuardCheck.Injection i) {
        services
            .injectionGuard(i.settings().action(), i.settings().threshold())
            .check(
                new dev.gantry.guardrails.GuardText(
                    "Warm-up: what is the capital of Peru?", services.embedder()));
      }
    }
  }

  private static InputGuardrail inputGuard(GuardCheck c, Services services) {
    if (c instanceof GuardCheck.Pii p) {
      return pii(p, services);
    }
    if (c instanceof GuardCheck.Topic t) {
      TopicFilter filter =
          new TopicFilter(
              services.embedder(),
              topics(t.allowed()),
              topics(t.denied()),
              t.settings().threshold(),
              t.settings().threshold());
      return new TopicGuardrail(filter, t.settings().action(), t.redirectMessage());
    }
    if (c instanceof GuardCheck.Injection i) {
      return services.injectionGuard(i.settings().action(), i.settings().threshold());
    }
    if (c instanceof GuardCheck.Safety s) {
      return safety(s, services);
    }
    throw new IllegalArgumentException(c.name() + " is not an input check");
  }

  private static OutputGuardrail outputGuard(GuardCheck c, Services services) {
    if (c instanceof GuardCheck.Pii p) {
      return pii(p, services);
    }
    if (c instanceof GuardCheck.Json j) {
      return new JsonFormatGuardrail(j.settings().action(), j.schemaJson(), j.settings().timeout());
    }
    if (c instanceof GuardCheck.Canary k) {
      return new CanaryGuardrail(k.settings().action());
    }
    if (c instanceof GuardCheck.Safety s) {
      return safety(s, services);
    }
    throw new IllegalArgumentException(c.name() + " is not an output check");
  }

  private static PiiGuardrail pii(GuardCheck.Pii p, Services services) {
    Set<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (String t : p.types()) {
      types.add(PiiType.valueOf(t));
    }
    return new PiiGuardrail(
        services.pii(), types, p.settings().action(), p.settings().threshold(), p.restore());
  }

  /** Every category at its configured threshold (else the check's), except those turned off. */
  private static SafetyGuardrail safety(GuardCheck.Safety s, Services services) {
    Map<SafetyCategory, Double> thresholds = new EnumMap<>(SafetyCategory.class);
    for (SafetyCategory c : SafetyCategory.values()) {
      if (!s.off().contains(c.configName())) {
        thresholds.put(c, s.thresholds().getOrDefault(c.configName(), s.settings().threshold()));
      }
    }
    return new SafetyGuardrail(services.safety(), s.settings().action(), thresholds);
  }

  private static List<Topic> topics(List<GuardCheck.TopicSpec> specs) {
    List<Topic> out = new ArrayList<>();
    for (GuardCheck.TopicSpec s : specs) {
      out.add(new Topic(s.name(), s.examples()));
    }
    return out;
  }

  /** The canary check, or null. */
  GuardCheck.Canary canary() {
    return config.find(config.output(), GuardCheck.Canary.class);
  }
}
