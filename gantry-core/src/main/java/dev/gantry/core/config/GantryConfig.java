package dev.gantry.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole, validated {@code gantry.yaml}. Immutable; a reload builds a new instance and swaps it in
 * atomically. Every deployment names a provider that exists (checked by the loader).
 */
public record GantryConfig(
    ServerConfig server,
    Map<String, ProviderConfig> providers,
    Map<String, RouteConfig> routes,
    SanitizeConfig sanitize,
    java.nio.file.Path dataDir,
    Map<String, KnowledgeBaseConfig> knowledgeBases,
    SecurityConfig security,
    CostConfig cost,
    MonitoringConfig monitoring,
    LimitsConfig limits) {
  /** {@code data_dir} when the file does not say. */
  public static final java.nio.file.Path DEFAULT_DATA_DIR = java.nio.file.Path.of("gantry-data");

  public GantryConfig(
      ServerConfig server, Map<String, ProviderConfig> providers, Map<String, RouteConfig> routes) {
    this(
        server,
        providers,
        routes,
        SanitizeConfig.DEFAULTS,
        DEFAULT_DATA_DIR,
        Map.of(),
        SecurityConfig.DEFAULTS);
  }

  public GantryConfig(
      ServerConfig server,
      Map<String, ProviderConfig> providers,
      Map<String, RouteConfig> routes,
      SanitizeConfig sanitize,
      java.nio.file.Path dataDir,
      Map<String, KnowledgeBaseConfig> knowledgeBases) {
    this(server, providers, routes, sanitize, dataDir, knowledgeBases, SecurityConfig.DEFAULTS);
  }

  public GantryConfig(
      ServerConfig server,
      Map<String, ProviderConfig> providers,
      Map<String, RouteConfig> routes,
      SanitizeConfig sanitize,
      java.nio.file.Path dataDir,
      Map<String, KnowledgeBaseConfig> knowledgeBases,
      SecurityConfig security) {
    this(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        CostConfig.DEFAULTS);
  }

  public GantryConfig(
      ServerConfig server,
      Map<String, ProviderConfig> providers,
      Map<String, RouteConfig> routes,
      SanitizeConfig sanitize,
      java.nio.file.Path dataDir,
      Map<String, KnowledgeBaseConfig> knowledgeBases,
      SecurityConfig security,
      CostConfig cost) {
    this(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        cost,
        MonitoringConfig.DEFAULTS,
        LimitsConfig.NONE);
  }

  /** This configuration with other rate limits, queue and Redis settings. */
  public GantryConfig withLimits(LimitsConfig newLimits) {
    return new GantryConfig(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        cost,
        monitoring,
        newLimits);
  }

  /** This configuration with other security settings (used by embedded defaults and tests). */
  public GantryConfig withSecurity(SecurityConfig newSecurity) {
    return new GantryConfig(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        newSecurity,
        cost,
        monitoring,
        limits);
  }

  public GantryConfig withDataDir(java.nio.file.Path dir) {
    return new GantryConfig(
        server,
        providers,
        routes,
        sanitize,
        dir,
        knowledgeBases,
        security,
        cost,
        monitoring,
        limits);
  }

  /** This configuration with other cost settings. */
  public GantryConfig withCost(CostConfig newCost) {
    return new GantryConfig(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        newCost,
        monitoring,
        limits);
  }

  /** This configuration with other monitoring settings. */
  public GantryConfig withMonitoring(MonitoringConfig newMonitoring) {
    return new GantryConfig(
        server,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        cost,
        newMonitoring,
        limits);
  }

  public GantryConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(sanitize, "sanitize");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(limits, "limits");
    knowledgeBases =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(knowledgeBases));
    providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
    routes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
    for (RouteConfig route : routes.values()) {
      List<DeploymentConfig> all = new java.util.ArrayList<>(route.deployments());
      if (route.cost().tiering() != null) {
        all.addAll(route.cost().tiering().allDeployments());
      }
      for (DeploymentConfig d : all) {
        if (!providers.containsKey(d.provider())) {
          throw new IllegalArgumentException(
              "routes."
                  + route.name()
                  + " names provider '"
                  + d.provider()
                  + "', which is not defined");
        }
      }
    }
  }

  public GantryConfig withServer(ServerConfig newServer) {
    return new GantryConfig(
        newServer,
        providers,
        routes,
        sanitize,
        dataDir,
        knowledgeBases,
        security,
        cost,
        monitoring,
        limits);
  }
}
