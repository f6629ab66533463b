package dev.gantry.guardrails.rules;

import dev.gantry.core.config.ConfigExtension;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles every business rule of a configuration while it is validated, so that {@code gantry
 * config validate}, start-up and reloads name a rule that does not compile, its path and the
 * position in its condition. Found with {@link java.util.ServiceLoader}. Stateless.
 */
public final class RulesValidation implements ConfigExtension {
  @Override
  public List<String> problems(GantryConfig config) {
    List<String> out = new ArrayList<>();
    for (RouteConfig route : config.routes().values()) {
      List<GuardCheck> checks = new ArrayList<>(route.guardrails().input());
      checks.addAll(route.guardrails().output());
      for (GuardCheck c : checks) {
        if (c instanceof GuardCheck.Rules rules) {
          out.addAll(RulesGuardrail.problems(rules));
        }
      }
    }
    return out;
  }
}
