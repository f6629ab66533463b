package dev.gantry.gateway;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.config.RetryConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.Secret;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.config.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration {@code gantry serve} uses when it is given no file: localhost only, routed to
 * OpenAI when {@code OPENAI_API_KEY} is set, else to Anthropic when {@code ANTHROPIC_API_KEY} is
 * set, else to the extractive provider over the bundled demo knowledge base (answers quoted from
 * the documents, no model), or to a simulator when that knowledge base cannot be found.
 */
public final class EmbeddedDefaults {
  /** Which upstream the embedded defaults route to. */
  public enum Choice {
    OPENAI,
    ANTHROPIC,
    DEMO,
    SIMULATOR
  }

  /** Route names of the demo default. */
  static final List<String> DEMO_MODELS = List.of("gpt-4o-mini", "demo");

  private static final List<String> OPENAI_MODELS =
      List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1");
  private static final List<String> ANTHROPIC_MODELS =
      List.of("claude-3-5-haiku-latest", "claude-sonnet-4-0", "claude-opus-4-0");
  private static final List<String> SIM_MODELS = List.of("gpt-4o-mini", "gantry-sim");

  private EmbeddedDefaults() {}

  public static Choice choose(Map<String, String> env) {
    return choose(env, null);
  }

  /** As {@link #choose(Map)}, with the demo knowledge base folder (null or missing: simulator). */
  public static Choice choose(Map<String, String> env, java.nio.file.Path demoKb) {
    if (present(env.get("OPENAI_API_KEY"))) {
      return Choice.OPENAI;
    }
    if (present(env.get("ANTHROPIC_API_KEY"))) {
      return Choice.ANTHROPIC;
    }
    return demoKb != null && java.nio.file.Files.isDirectory(demoKb)
        ? Choice.DEMO
        : Choice.SIMULATOR;
  }

  /**
   * The demo: models {@code gpt-4o-mini} and {@code demo} answered by the extractive provider from
   * the knowledge base in {@code kb}, stored under {@code dataDir}.
   */
  public static GantryConfig demo(java.nio.file.Path kb, java.nio.file.Path dataDir) {
    ProviderConfig provider =
        new ProviderConfig(
            "extractive",
            ProviderType.EXTRACTIVE,
            URI.create("local:extractive"),
            null,
            null,
            Map.of(),
            false,
            1,
            new Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10)));
    Map<String, RouteConfig> routes = new LinkedHashMap<>();
    for (String model : DEMO_MODELS) {
      routes.put(
          model,
          new RouteConfig(
              model,
              List.of(new DeploymentConfig(provider.name(), "extractive", 1)),
              RetryConfig.DEFAULTS,
              dev.gantry.core.config.GuardrailsConfig.NONE,
              new dev.gantry.core.config.RouteRag("demo", 5, 2000, 0.2)));
    }
    return new GantryConfig(
        ServerConfig.DEFAULTS,
        Map.of(provider.name(), provider),
        routes,
        dev.gantry.core.config.SanitizeConfig.DEFAULTS,
        dataDir,
        Map.of("demo", new dev.gantry.core.config.KnowledgeBaseConfig("demo", List.of(kb))));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** One line that says where requests will go. */
  public static String describe(Choice choice) {
    switch (choice) {
      case OPENAI:
        return "routing to OpenAI (OPENAI_API_KEY is set).";
      case ANTHROPIC:
        return "routing to Anthropic (ANTHROPIC_API_KEY is set).";
      case DEMO:
        return "no OPENAI_API_KEY or ANTHROPIC_API_KEY set; answering from the demo knowledge base"
            + " (examples/rag/kb) with the extractive provider: quoted sentences with citations, no"
            + " model.";
      default:
        return "no OPENAI_API_KEY or ANTHROPIC_API_KEY set; routing to an in-process simulator"
            + " (simulated answers, not a real model).";
    }
  }

  /**
   * @param simulatorUrl base URL of a running simulator; required for {@link Choice#SIMULATOR}
   */
  public static GantryConfig config(Choice choice, Map<String, String> env, String simulatorUrl) {
    ProviderConfig provider;
    List<String> models;
    switch (choice) {
      case OPENAI:
        provider =
            provider(
                "openai",
                ProviderType.OPENAI,
                env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                Secret.of(env.get("OPENAI_API_KEY")),
                null);
        models = OPENAI_MODELS;
        break;
      case ANTHROPIC:
        provider =
            provider(
                "anthropic",
                ProviderType.ANTHROPIC,
                env.getOrDefault("ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
                Secret.of(env.get("ANTHROPIC_API_KEY")),
                "2023-06-01");
        models = ANTHROPIC_MODELS;
        break;
      default:
        if (simulatorUrl == null) {
          throw new IllegalArgumentException("the simulator default needs the simulator's URL");
        }
        provider =
            provider("sim", ProviderType.OPENAI_COMPATIBLE, simulatorUrl + "/v1", null, null);
        models = SIM_MODELS;
    }
    Map<String, RouteConfig> routes = new LinkedHashMap<>();
    for (String model : models) {
      routes.put(
          model,
          new RouteConfig(
              model,
              List.of(new DeploymentConfig(provider.name(), model, 1)),
              RetryConfig.DEFAULTS));
    }
    return new GantryConfig(ServerConfig.DEFAULTS, Map.of(provider.name(), provider), routes);
  }

  private static ProviderConfig provider(
      String name, ProviderType type, String baseUrl, Secret key, String version) {
    String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new ProviderConfig(
        name,
        type,
        URI.create(url),
        key,
        version,
        Map.of(),
        false,
        256,
        new Timeouts(
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10)));
  }
}
