package dev.gantry.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the simulator does: scripted replies, latency, faults, a rate limit and auth, read from a
 * YAML file (see the module README for every key). Immutable and thread-safe; install it with
 * {@link Simulator#scenario(Scenario)} or {@link SimulatorOptions#withScenario(Scenario)}.
 */
public final class Scenario {
  static final String DEFAULT_REPLY = "This is a simulated reply.";

  private static final Scenario INSTANT =
      new Scenario(
          null,
          List.of(),
          LatencyModel.ZERO,
          1,
          0,
          List.of(),
          List.of(),
          new Reply.Text(DEFAULT_REPLY),
          null,
          null,
          Map.of());

  private final Long seed;
  private final List<String> models;
  private final LatencyModel latency;
  private final int chunkTokens;
  private final int rpm;
  private final List<Fault> faults;
  private final List<Rule> rules;
  private final Reply defaultReply;
  private final String openAiKey;
  private final String anthropicKey;
  private final Map<String, Integer> reasoningTokens;

  Scenario(
      Long seed,
      List<String> models,
      LatencyModel latency,
      int chunkTokens,
      int rpm,
      List<Fault> faults,
      List<Rule> rules,
      Reply defaultReply,
      String openAiKey,
      String anthropicKey,
      Map<String, Integer> reasoningTokens) {
    this.seed = seed;
    this.models = List.copyOf(models);
    this.latency = Objects.requireNonNull(latency, "latency");
    this.chunkTokens = chunkTokens;
    this.rpm = rpm;
    this.faults = List.copyOf(faults);
    this.rules = List.copyOf(rules);
    this.defaultReply = Objects.requireNonNull(defaultReply, "defaultReply");
    this.openAiKey = openAiKey;
    this.anthropicKey = anthropicKey;
    this.reasoningTokens = Map.copyOf(reasoningTokens);
  }

  /** No latency, no faults, no rules, no auth: every request gets the default reply at once. */
  public static Scenario instant() {
    return INSTANT;
  }

  /**
   * Reads a scenario file.
   *
   * @throws IllegalArgumentException when the file cannot be read or is invalid; the message starts
   *     with the file name and names the offending path, e.g. {@code rules[2].reply: expected a
   *     string}
   */
  public static Scenario load(Path yamlFile) {
    String text;
    try {
      text = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read scenario " + yamlFile + ": " + e, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(yamlFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses scenario YAML.
   *
   * @throws IllegalArgumentException naming the offending path, e.g. {@code rules[2].reply:
   *     expected a string, got the number 42}
   */
  public static Scenario parse(String yaml) {
    return ScenarioParser.parse(yaml);
  }

  /** The scenario's {@code seed}, when it sets one. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** Models listed by {@code models} plus those named in rules and faults, in order. */
  public List<String> models() {
    Set<String> all = new LinkedHashSet<>(models);
    for (Rule rule : rules) {
      if (rule.model() != null) {
        all.add(rule.model());
      }
    }
    for (Fault fault : faults) {
      all.addAll(fault.models());
    }
    return List.copyOf(all);
  }

  /** True when requests are answered without delay, fault, rate limit or auth. */
  public boolean isInstant() {
    return latency.isZero()
        && faults.isEmpty()
        && rpm == 0
        && openAiKey == null
        && anthropicKey == null;
  }

  LatencyModel latency() {
    return latency;
  }

  int chunkTokens() {
    return chunkTokens;
  }

  /** Requests per minute, 0 for no limit. */
  int rpm() {
    return rpm;
  }

  List<Fault> faults() {
    return faults;
  }

  List<Rule> rules() {
    return rules;
  }

  Reply defaultReply() {
    return defaultReply;
  }

  /** Hidden reasoning tokens each choice of {@code model} bills (OpenAI wire), 0 for none. */
  int reasoningTokens(String model) {
    return reasoningTokens.getOrDefault(model, 0);
  }

  /** The key OpenAI-style endpoints require, or null. */
  String openAiKey() {
    return openAiKey;
  }

  /** The {@code x-api-key} the Anthropic endpoint requires, or null. */
  String anthropicKey() {
    return anthropicKey;
  }

  @Override
  public String toString() {
    return "Scenario[seed="
        + seed
        + ", latency="
        + latency
        + ", chunkTokens="
        + chunkTokens
        + ", rpm="
        + rpm
        + ", faults="
        + faults.size()
        + ", rules="
        + rules.size()
        + ", auth="
        + (openAiKey != null || anthropicKey != null)
        + "]";
  }
}
