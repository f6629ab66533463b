package dev.gantry.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a composed {@code gantry.yaml} tree into a {@link GantryConfig}: the top level, {@code
 * server} and {@code routes} (providers are read by {@link ProviderReader}). Collects every problem
 * and throws them together. Not thread-safe; one per load.
 */
final class ConfigReader {
  static final List<String> TOP_KEYS =
      List.of(
          "server",
          "providers",
          "routes",
          "sanitize",
          "data_dir",
          "knowledge_bases",
          "storage",
          "auth",
          "audit",
          "admin",
          "cost",
          "monitoring",
          "evals",
          "limits",
          "redis");
  static final List<String> SERVER_KEYS =
      List.of(
          "host",
          "port",
          "max_body_bytes",
          "body_timeout",
          "request_timeout",
          "reload_interval",
          "tls",
          "max_connections",
          "max_connections_per_ip",
          "region");
  static final List<String> TLS_KEYS = List.of("cert", "key", "client_ca", "client_auth");
  static final List<String> ROUTE_KEYS =
      List.of(
          "deployments",
          "retry",
          "guardrails",
          "rag",
          "budget",
          "optimize",
          "tiers",
          "tiering",
          "cache",
          "latency_budget",
          "on_unmet");
  static final List<String> DEPLOYMENT_KEYS = List.of("provider", "model", "weight", "region");
  static final List<String> RETRY_KEYS = List.of("max_attempts", "base_delay", "max_delay");

  /** Largest accepted weight, so that the sum over a route's deployments cannot overflow. */
  static final int MAX_WEIGHT = 1_000_000;

  static final long MAX_BODY_BYTES = 1L << 30;

  private final NodeReader r;
  private final Problems problems;

  private ConfigReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  static GantryConfig read(Node root, Map<String, String> env, String source)
      throws ConfigException {
    Problems problems = new Problems();
    ConfigReader reader = new ConfigReader(new NodeReader(env, problems));
    GantryConfig config = reader.read(root);
    if (problems.isEmpty() && config != null) {
      for (ConfigExtension x : java.util.ServiceLoader.load(ConfigExtension.class)) {
        x.problems(config).forEach(line -> problems.add("", line));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems.lines());
    }
    return config;
  }

  private GantryConfig read(Node root) {
    Map<String, Node> top;
    if (root != null && !NodeReader.absent(root) && !(root instanceof MappingNode)) {
      problems.add(
          "",
          "the top level must be a map with keys "
              + String.join(", ", TOP_KEYS)
              + ", got "
              + NodeReader.kind(root));
      return null;
    }
    top = r.map(root, "", TOP_KEYS);
    ServerConfig server = server(top.get("server"));
    Node providersNode = top.get("providers");
    Map<String, Node> providerNodes = r.map(providersNode, "providers", null);
    Map<String, ProviderConfig> providers =
        providerNodes == null ? Map.of() : new ProviderReader(r).read(providerNodes);
    Set<String> names = providerNodes == null ? null : providerNodes.keySet();
    KnowledgeReader knowledge = new KnowledgeReader(r);
    Map<String, KnowledgeBaseConfig> kbs = knowledge.knowledgeBases(top.get("knowledge_bases"));
    Map<String, RouteConfig> routes = routes(top.get("routes"), names);
    SanitizeConfig sanitize = new SanitizeReader(r).read(top.get("sanitize"));
    String dataDir = r.string(top.get("data_dir"), "data_dir", null);
    if (dataDir != null && dataDir.isBlank()) {
      problems.add("data_dir", "must not be empty");
    }
    for (RouteConfig route : routes.values()) {
      knowledge.checkRag(route, kbs, providers);
    }
    knowledge.checkEmbeddings(kbs, providers);
    SecurityConfig security = new SecurityReader(r).read(top, server);
    CostConfig cost = new CostReader(r).cost(top.get("cost"), server);
    MonitoringConfig monitoring =
        new MonitoringReader(r).read(top.get("monitoring"), top.get("evals"), routes.keySet());
    LimitsConfig limits = new LimitsReader(r).read(top.get("limits"), top.get("redis"));
    for (RateLimit l : limits.rate()) {
      if (l.scope() == RateLimit.Scope.ROUTE
          && l.match() != null
          && !routes.containsKey(l.match())) {
        problems.add("limits.rate", "names route '" + l.match() + "', which is not defined");
      }
    }
    LimitsReader.checkRoutes(limits, routes, providers, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    try {
      return new GantryConfig(
              server,
              providers,
              routes,
              sanitize,
              dataDir == null
                  ? GantryConfig.DEFAULT_DATA_DIR
                  : java.nio.file.Path.of(dataDir.strip()),
              kbs,
              security,
              cost)
          .withMonitoring(monitoring)
          .withLimits(limits);
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add("", String.valueOf(e.getMessage()));
      return null;
    }
  }

  private ServerConfig server(Node node) {
    ServerConfig d = ServerConfig.DEFAULTS;
    Map<String, Node> m = r.map(node, "server", SERVER_KEYS);
    if (m == null) {
      return d;
    }
    int before = problems.size();
    String host = r.string(m.get("host"), "server.host", d.host()).strip();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      problems.add("server.host", "'" + host + "' is not a host; use e.g. 127.0.0.1 or 0.0.0.0");
    }
    int port = r.integer(m.get("port"), "server.port", d.port(), 0, 65535);
    long maxBody =
        r.size(
            m.get("max_body_bytes"),
            "server.max_body_bytes",
            d.maxBodyBytes(),
            1024,
            MAX_BODY_BYTES);
    Duration body =
        r.duration(m.get("body_timeout"), "server.body_timeout", d.bodyTimeout(), false);
    Duration request =
        r.duration(m.get("request_timeout"), "server.request_timeout", d.requestTimeout(), false);
    Duration reload =
        r.duration(m.get("reload_interval"), "server.reload_interval", d.reloadInterval(), true);
    TlsConfig tls = tls(m.get("tls"), "server.tls");
    int connections =
        r.integer(
            m.get("max_connections"),
            "server.max_connections",
            d.maxConnections(),
            1,
            ServerConfig.MAX_CONNECTIONS);
    int perIp =
        r.integer(
            m.get("max_connections_per_ip"),
            "server.max_connections_per_ip",
            d.maxConnectionsPerIp(),
            0,
            ServerConfig.MAX_CONNECTIONS);
    String region = region(m.get("region"), "server.region");
    if (problems.size() > before) {
      return d;
    }
    return new ServerConfig(
        host, port, maxBody, body, request, reload, tls, connections, perIp, region);
  }

  private TlsConfig tls(Node node, String path) {
    Map<String, Node> m = r.map(node, path, TLS_KEYS);
    if (m == null || m.isEmpty()) {
      return null;
    }
    java.nio.file.Path cert = r.readableFile(m.get("cert"), path + ".cert", true);
    java.nio.file.Path key = r.readableFile(m.get("key"), path + ".key", true);
    java.nio.file.Path ca = r.readableFile(m.get("client_ca"), path + ".client_ca", false);
    String auth = r.string(m.get("client_auth"), path + ".client_auth", "required").strip();
    TlsConfig.ClientAuth clientAuth = null;
    for (TlsConfig.ClientAuth a : TlsConfig.ClientAuth.values()) {
      if (a.name().equalsIgnoreCase(auth)) {
        clientAuth = a;
      }
    }
    if (clientAuth == null) {
      problems.add(
          path + ".client_auth", "'" + auth + "' is not allowed; allowed none, request, required");
      return null;
    }
    if (ca == null) {
      clientAuth = TlsConfig.ClientAuth.NONE;
    }
    return cert == null || key == null ? null : new TlsConfig(cert, key, ca, clientAuth);
  }

  private Map<String, RouteConfig> routes(Node node, Set<String> providerNames) {
    Map<String, RouteConfig> out = new LinkedHashMap<>();
    Map<String, Node> m = r.map(node, "routes", null);
    if (m == null) {
      return out;
    }
    if (m.isEmpty()) {
      problems.add("routes", "at least one route is required");
    }
    for (Map.Entry<String, Node> e : m.entrySet()) {
      if (e.getKey().isBlank()) {
        problems.add("routes", "a route name must not be empty");
        continue;
      }
      RouteConfig route = route(e.getKey(), e.getValue(), providerNames);
      if (route != null) {
        out.put(e.getKey(), route);
      }
    }
    return out;
  }

  private RouteConfig route(String name, Node node, Set<String> providerNames) {
    String path = "routes." + name;
    int before = problems.size();
    Map<String, Node> m = r.map(node, path, ROUTE_KEYS);
    if (m == null) {
      return null;
    }
    String dPath = path + ".deployments";
    String expected = "a non-empty list of {provider, model, weight}";
    List<DeploymentConfig> deployments = new ArrayList<>();
    CostReader costs = new CostReader(r);
    TieringConfig tiering =
        costs.tiering(
            m.get("tiers"), m.get("tiering"), path, (n, p) -> deployment(n, p, providerNames));
    if (NodeReader.absent(m.get("deployments")) && tiering != null) {
      // A tiered route without its own list is served by its last (most capable) tier.
      deployments.addAll(tiering.tiers().get(tiering.names().get(tiering.names().size() - 1)));
    } else if (NodeReader.absent(m.get("deployments"))) {
      problems.add(dPath, "required but missing; expected " + expected);
    } else {
      List<Node> items = r.list(m.get("deployments"), dPath);
      if (items != null && items.isEmpty()) {
        problems.add(dPath, "must not be empty; expected " + expected);
      }
      for (int i = 0; items != null && i < items.size(); i++) {
        DeploymentConfig d = deployment(items.get(i), dPath + "[" + i + "]", providerNames);
        if (d != null) {
          deployments.add(d);
        }
      }
    }
    RetryConfig retry = retry(m.get("retry"), path + ".retry");
    GuardrailsConfig guardrails =
        new GuardrailsReader(r).read(m.get("guardrails"), path + ".guardrails");
    RouteRag rag = new KnowledgeReader(r).rag(m.get("rag"), path + ".rag");
    RouteCost cost =
        new RouteCost(
            costs.budget(m.get("budget"), path + ".budget"),
            costs.optimize(m.get("optimize"), path + ".optimize"),
            tiering);
    RouteCache cache = new CacheReader(r).read(m.get("cache"), path + ".cache");
    RouteLatency latency = latency(m, path);
    return problems.size() > before
        ? null
        : new RouteConfig(name, deployments, retry, guardrails, rag, cost, cache, latency);
  }

  private DeploymentConfig deployment(Node node, String path, Set<String> providerNames) {
    int before = problems.size();
    Map<String, Node> m = r.map(node, path, DEPLOYMENT_KEYS);
    if (m == null) {
      return null;
    }
    String provider =
        r.required(m.get("provider"), path + ".provider", "the name of a provider under providers");
    String model = r.required(m.get("model"), path + ".model", "the model name the provider knows");
    int weight = r.integer(m.get("weight"), path + ".weight", 1, 0, MAX_WEIGHT);
    String region = region(m.get("region"), path + ".region");
    if (provider != null && providerNames != null && !providerNames.contains(provider)) {
      problems.add(
          path + ".provider",
          "'"
              + provider
              + "' is not a defined provider (defined: "
              + (providerNames.isEmpty() ? "none" : String.join(", ", providerNames))
              + ")"
              + Suggestions.didYouMean(provider, providerNames));
    }
    return problems.size() > before ? null : new DeploymentConfig(provider, model, weight, region);
  }

  /** A region name: absent, or a non-empty string without spaces. */
  private String region(Node node, String path) {
    if (NodeReader.absent(node)) {
      return null;
    }
    String region = r.string(node, path, "").strip();
    if (region.isEmpty() || region.chars().anyMatch(Character::isWhitespace)) {
      problems.add(path, "'" + region + "' is not a region name; use e.g. eu-west or us-east");
      return null;
    }
    return region;
  }

  /** {@code latency_budget} (a duration, 1ms..1h) and {@code on_unmet} of a route. */
  private RouteLatency latency(Map<String, Node> m, String path) {
    java.time.Duration budget = null;
    if (!NodeReader.absent(m.get("latency_budget"))) {
      budget = r.duration(m.get("latency_budget"), path + ".latency_budget", null, false);
      if (budget != null
          && (budget.toMillis() < 1 || budget.toMillis() > RouteLatency.MAX_BUDGET_MS)) {
        problems.add(
            path + ".latency_budget", Units.format(budget) + " is out of range; allowed 1ms..1h");
        budget = null;
      }
    }
    RouteLatency.OnUnmet onUnmet = RouteLatency.OnUnmet.BEST_EFFORT;
    if (!NodeReader.absent(m.get("on_unmet"))) {
      String v = r.string(m.get("on_unmet"), path + ".on_unmet", "").strip();
      onUnmet = null;
      for (RouteLatency.OnUnmet o : RouteLatency.OnUnmet.values()) {
        if (o.configName().equals(v)) {
          onUnmet = o;
        }
      }
      if (onUnmet == null) {
        problems.add(path + ".on_unmet", "'" + v + "' is not allowed; allowed best_effort, reject");
        onUnmet = RouteLatency.OnUnmet.BEST_EFFORT;
      }
    }
    return new RouteLatency(budget, onUnmet);
  }

  private RetryConfig retry(Node node, String path) {
    RetryConfig d = RetryConfig.DEFAULTS;
    Map<String, Node> m = r.map(node, path, RETRY_KEYS);
    if (m == null) {
      return d;
    }
    int before = problems.size();
    int attempts = r.integer(m.get("max_attempts"), path + ".max_attempts", d.maxAttempts(), 1, 10);
    Duration base = r.duration(m.get("base_delay"), path + ".base_delay", d.baseDelay(), true);
    Duration max;
    if (NodeReader.absent(m.get("max_delay"))) {
      max = base.compareTo(d.maxDelay()) > 0 ? base : d.maxDelay();
    } else {
      max = r.duration(m.get("max_delay"), path + ".max_delay", null, true);
      if (max != null && max.compareTo(base) < 0) {
        problems.add(
            path + ".max_delay",
            Units.format(max)
                + " is less than base_delay "
                + Units.format(base)
                + "; allowed >= base_delay");
      }
    }
    return problems.size() > before ? d : new RetryConfig(attempts, base, max);
  }
}
