package dev.gantry.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Model tiers of a route ({@code routes.<name>.tiers} and {@code .tiering}).
 *
 * @param tiers tier name to its ordered deployments, cheapest tier first
 * @param mode how a tier is chosen
 * @param router whether the complexity router picks the starting tier (in cascade mode, off means
 *     "always start on the cheapest tier")
 * @param threshold complexity score (0..1) from which a request goes to the last tier
 * @param checks what a cascade checks in an answer before accepting it
 * @param simpleExamples labelled prompts the router compares requests with (by embedding)
 * @param complexExamples labelled prompts the router compares requests with (by embedding)
 */
public record TieringConfig(
    Map<String, List<DeploymentConfig>> tiers,
    Mode mode,
    boolean router,
    double threshold,
    List<Check> checks,
    List<String> simpleExamples,
    List<String> complexExamples) {

  /** How a tier is chosen. */
  public enum Mode {
    /** The complexity router picks one tier; no escalation. */
    ROUTER,
    /**
     * Start on the router's tier (or the cheapest) and move to the next tier when the answer fails
     * the checks. Non-streamed requests only: a stream's first byte is final.
     */
    CASCADE
  }

  /** An answer check of a cascade. */
  public enum Check {
    REFUSAL,
    DONT_KNOW,
    EMPTY,
    TRUNCATED,
    JSON
  }

  public TieringConfig {
    Objects.requireNonNull(mode, "mode");
    Map<String, List<DeploymentConfig>> copy = new LinkedHashMap<>();
    tiers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    if (copy.size() < 2) {
      throw new IllegalArgumentException("tiers needs at least two tiers");
    }
    copy.forEach(
        (k, v) -> {
          if (v.isEmpty()) {
            throw new IllegalArgumentException("tiers." + k + " must not be empty");
          }
        });
    tiers = Collections.unmodifiableMap(copy);
    if (threshold < 0 || threshold > 1) {
      throw new IllegalArgumentException("threshold must be 0..1");
    }
    checks = List.copyOf(checks);
    simpleExamples = List.copyOf(simpleExamples);
    complexExamples = List.copyOf(complexExamples);
  }

  /** Tier names, cheapest first. */
  public List<String> names() {
    return new ArrayList<>(tiers.keySet());
  }

  /** The tier after {@code tier}, or null for the last. */
  public String next(String tier) {
    List<String> names = names();
    int i = names.indexOf(tier);
    return i < 0 || i + 1 >= names.size() ? null : names.get(i + 1);
  }

  /** Every deployment of every tier, cheapest tier first. */
  public List<DeploymentConfig> allDeployments() {
    List<DeploymentConfig> out = new ArrayList<>();
    tiers.values().forEach(out::addAll);
    return out;
  }
}
