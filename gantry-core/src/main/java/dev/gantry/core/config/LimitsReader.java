package dev.gantry.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code limits} (rate limits, queue, priorities) and {@code redis}. Problems name their
 * path, value and the allowed range. One per load.
 */
final class LimitsReader {
  static final List<String> LIMITS_KEYS =
      List.of("rate", "queue", "priorities", "breaker", "upstream", "hedging", "routes");
  static final List<String> ROUTE_LIMITS_KEYS = List.of("breaker", "degraded");
  static final List<String> BREAKER_KEYS =
      List.of(
          "failure_rate",
          "slow_call",
          "slow_call_rate",
          "window",
          "min_calls",
          "open_for",
          "half_open_calls");
  static final List<String> UPSTREAM_KEYS = List.of("max_concurrency", "adaptive", "slow");
  static final List<String> RATE_KEYS = List.of("scope", "match", "rpm", "tpm", "concurrency");
  static final List<String> QUEUE_KEYS = List.of("max_depth", "max_wait");
  static final List<String> REDIS_KEYS =
      List.of("url", "on_failure", "expected_replicas", "timeout");

  private final NodeReader r;
  private final Problems problems;

  LimitsReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  LimitsConfig read(Node limitsNode, Node redisNode) {
    LimitsConfig d = LimitsConfig.NONE;
    RedisConfig redis = redis(redisNode);
    Map<String, Node> m = r.map(limitsNode, "limits", LIMITS_KEYS);
    if (m == null || m.isEmpty()) {
      return new LimitsConfig(
          d.rate(),
          d.queueDepth(),
          d.maxWait(),
          d.priorities(),
          redis,
          d.breaker(),
          d.upstream(),
          0);
    }
    List<RateLimit> rate = rate(m.get("rate"));
    int depth = d.queueDepth();
    Duration wait = d.maxWait();
    Map<String, Node> q = r.map(m.get("queue"), "limits.queue", QUEUE_KEYS);
    if (q != null) {
      depth = r.integer(q.get("max_depth"), "limits.queue.max_depth", depth, 0, 1_000_000);
      wait = r.duration(q.get("max_wait"), "limits.queue.max_wait", wait, true);
      if (wait.compareTo(Duration.ofMinutes(10)) > 0) {
        problems.add("limits.queue.max_wait", wait + " is out of range; allowed 0..10m");
      }
    }
    Map<String, Integer> priorities = new LinkedHashMap<>();
    Map<String, Node> p = r.map(m.get("priorities"), "limits.priorities", null);
    if (p != null) {
      p.forEach(
          (tenant, n) ->
              priorities.put(tenant, r.integer(n, "limits.priorities." + tenant, 0, 0, 100)));
    }
    BreakerConfig breaker = breaker(m.get("breaker"), "limits.breaker", BreakerConfig.DEFAULTS);
    return new LimitsConfig(
        rate,
        depth,
        wait,
        priorities,
        redis,
        breaker,
        upstream(m.get("upstream")),
        hedging(m.get("hedging")),
        routes(m.get("routes"), breaker));
  }

  /** {@code limits.routes.<route>}: a breaker over {@code limits.breaker}, degraded fallbacks. */
  private Map<String, RouteLimits> routes(Node node, BreakerConfig defaults) {
    Map<String, RouteLimits> out = new LinkedHashMap<>();
    Map<String, Node> all = r.map(node, "limits.routes", null);
    if (all == null) {
      return out;
    }
    all.forEach(
        (route, n) -> {
          String path = "limits.routes." + route;
          Map<String, Node> m = r.map(n, path, ROUTE_LIMITS_KEYS);
          if (m == null) {
            return;
          }
          BreakerConfig b =
              NodeReader.absent(m.get("breaker"))
                  ? null
                  : breaker(m.get("breaker"), path + ".breaker", defaults);
          List<RouteLimits.Degraded> degraded = new ArrayList<>();
          List<Node> items = r.list(m.get("degraded"), path + ".degraded");
          for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + ".degraded[" + i + "]";
            String v = r.string(items.get(i), itemPath, null);
            RouteLimits.Degraded found = null;
            for (RouteLimits.Degraded d : RouteLimits.Degraded.values()) {
              if (v != null && d.configName().equals(v.strip().toLowerCase(Locale.ROOT))) {
                found = d;
              }
            }
            if (found == null) {
              problems.add(
                  itemPath,
                  (v == null ? "required but missing" : "'" + v + "' is not allowed")
                      + "; allowed cache, extractive");
            } else if (degraded.contains(found)) {
              problems.add(itemPath, "'" + v + "' is listed twice");
            } else {
              degraded.add(found);
            }
          }
          out.put(route, new RouteLimits(b, degraded));
        });
    return out;
  }

  /**
   * Checks {@code limits.routes} against the routes and providers: each names a defined route; a
   * degraded source needs what it answers from; routes that share a deployment agree on its breaker
   * (a deployment has one).
   */
  static void checkRoutes(
      LimitsConfig limits,
      Map<String, RouteConfig> routes,
      Map<String, ProviderConfig> providers,
      Problems problems) {
    Map<String, String> breakerOwner = new LinkedHashMap<>();
    for (Map.Entry<String, RouteLimits> e : limits.routes().entrySet()) {
      String path = "limits.routes." + e.getKey();
      RouteConfig route = routes.get(e.getKey());
      if (route == null) {
        problems.add(
            path,
            "names route '"
                + e.getKey()
                + "', which is not defined"
                + Suggestions.didYouMean(e.getKey(), routes.keySet()));
        continue;
      }
      RouteLimits rl = e.getValue();
      if (rl.degradesTo(RouteLimits.Degraded.CACHE) && route.cache() == null) {
        problems.add(
            path + ".degraded", "cache needs a response cache (routes." + route.name() + ".cache)");
      }
      if (rl.degradesTo(RouteLimits.Degraded.EXTRACTIVE)) {
        if (route.rag() == null) {
          problems.add(
              path + ".degraded",
              "extractive needs retrieval (routes."
                  + route.name()
                  + ".rag): it quotes the retrieved sources");
        }
        if (providers.values().stream().noneMatch(p -> p.type() == ProviderType.EXTRACTIVE)) {
          problems.add(
              path + ".degraded", "extractive needs a provider of type extractive under providers");
        }
      }
    }
    // one breaker per deployment: every route that uses it must ask for the same settings
    for (RouteConfig route : routes.values()) {
      for (DeploymentConfig d : deploymentsOf(route)) {
        String key = d.provider() + "/" + d.model();
        String other = breakerOwner.putIfAbsent(key, route.name());
        if (other != null
            && !other.equals(route.name())
            && !limits.breakerOf(other).equals(limits.breakerOf(route.name()))) {
          String named = limits.routes().containsKey(route.name()) ? route.name() : other;
          problems.add(
              "limits.routes." + named + ".breaker",
              "deployment "
                  + key
                  + " serves routes '"
                  + other
                  + "' and '"
                  + route.name()
                  + "' with different breaker settings; a deployment has one breaker, so give"
                  + " both routes the same settings");
        }
      }
    }
  }

  /** Every deployment that may serve a route: its list and every tier's. */
  static List<DeploymentConfig> deploymentsOf(RouteConfig route) {
    List<DeploymentConfig> out = new ArrayList<>(route.deployments());
    TieringConfig t = route.cost().tiering();
    if (t != null) {
      t.tiers().values().forEach(out::addAll);
    }
    return out;
  }

  private double hedging(Node node) {
    Map<String, Node> m = r.map(node, "limits.hedging", List.of("budget"));
    if (m == null || m.isEmpty()) {
      return 0;
    }
    return r.decimal(m.get("budget"), "limits.hedging.budget", 5, 0, 100);
  }

  private BreakerConfig breaker(Node node, String path, BreakerConfig d) {
    Map<String, Node> m = r.map(node, path, BREAKER_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    String p = path + ".";
    BreakerConfig b =
        new BreakerConfig(
            r.integer(m.get("failure_rate"), p + "failure_rate", d.failureRatePercent(), 1, 100),
            r.duration(m.get("slow_call"), p + "slow_call", d.slowCall(), false),
            r.integer(
                m.get("slow_call_rate"), p + "slow_call_rate", d.slowCallRatePercent(), 1, 100),
            r.integer(m.get("window"), p + "window", d.window(), 1, 10_000),
            r.integer(m.get("min_calls"), p + "min_calls", d.minCalls(), 1, 10_000),
            r.duration(m.get("open_for"), p + "open_for", d.openFor(), false),
            r.integer(m.get("half_open_calls"), p + "half_open_calls", d.halfOpenCalls(), 1, 1000));
    return b;
  }

  private UpstreamConcurrency upstream(Node node) {
    UpstreamConcurrency d = UpstreamConcurrency.NONE;
    Map<String, Node> m = r.map(node, "limits.upstream", UPSTREAM_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    int max =
        r.integer(m.get("max_concurrency"), "limits.upstream.max_concurrency", 0, 1, 1_000_000);
    boolean adaptive = r.bool(m.get("adaptive"), "limits.upstream.adaptive", max > 0);
    Duration slow = r.duration(m.get("slow"), "limits.upstream.slow", d.slow(), false);
    if (adaptive && max == 0) {
      problems.add("limits.upstream.adaptive", "needs max_concurrency (the most it may reach)");
      return d;
    }
    return new UpstreamConcurrency(max, adaptive, slow);
  }

  private List<RateLimit> rate(Node node) {
    List<RateLimit> out = new ArrayList<>();
    List<Node> items = r.list(node, "limits.rate");
    for (int i = 0; items != null && i < items.size(); i++) {
      String path = "limits.rate[" + i + "]";
      Map<String, Node> m = r.map(items.get(i), path, RATE_KEYS);
      if (m == null) {
        continue;
      }
      int before = problems.size();
      RateLimit.Scope scope = scope(m.get("scope"), path + ".scope");
      String match = r.string(m.get("match"), path + ".match", null);
      int rpm = r.integer(m.get("rpm"), path + ".rpm", 0, 1, 100_000_000);
      int tpm = r.integer(m.get("tpm"), path + ".tpm", 0, 1, 2_000_000_000);
      int conc = r.integer(m.get("concurrency"), path + ".concurrency", 0, 1, 1_000_000);
      if (problems.size() > before) {
        continue;
      }
      if (rpm == 0 && tpm == 0 && conc == 0) {
        problems.add(path, "needs rpm, tpm or concurrency (each >= 1)");
      } else if (scope == RateLimit.Scope.GLOBAL && match != null) {
        problems.add(path + ".match", "not allowed on a global limit");
      } else {
        out.add(new RateLimit(scope, match, rpm, tpm, conc));
      }
    }
    return out;
  }

  private RateLimit.Scope scope(Node node, String path) {
    String v = r.string(node, path, null);
    List<String> allowed = new ArrayList<>();
    for (RateLimit.Scope s : RateLimit.Scope.values()) {
      allowed.add(s.configName());
      if (v != null && s.configName().equals(v.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    problems.add(
        path,
        (v == null ? "required but missing" : "'" + v + "' is not allowed")
            + "; allowed "
            + String.join(", ", allowed));
    return RateLimit.Scope.GLOBAL;
  }

  private RedisConfig redis(Node node) {
    Map<String, Node> m = r.map(node, "redis", REDIS_KEYS);
    if (m == null || m.isEmpty()) {
      return null;
    }
    String url = r.string(m.get("url"), "redis.url", null);
    if (url == null
        || !(url.strip().startsWith("redis://") || url.strip().startsWith("rediss://"))) {
      problems.add(
          "redis.url",
          (url == null ? "required but missing" : "'" + url + "' is not a Redis URL")
              + "; allowed redis://host:port or rediss://host:port");
      return null;
    }
    RedisConfig.FailureMode mode = RedisConfig.FailureMode.FAIL_CLOSED;
    String f = r.string(m.get("on_failure"), "redis.on_failure", null);
    if (f != null) {
      String v = f.strip().toLowerCase(Locale.ROOT);
      if (v.equals("fail_open")) {
        mode = RedisConfig.FailureMode.FAIL_OPEN;
      } else if (!v.equals("fail_closed")) {
        problems.add(
            "redis.on_failure", "'" + f + "' is not allowed; allowed fail_open, fail_closed");
      }
    }
    int replicas = r.integer(m.get("expected_replicas"), "redis.expected_replicas", 1, 1, 10_000);
    Duration timeout = r.duration(m.get("timeout"), "redis.timeout", Duration.ofMillis(500), false);
    return new RedisConfig(url.strip(), mode, replicas, Math.max(1, timeout.toMillis()));
  }
}
