package dev.gantry.core.config;

import dev.gantry.core.cost.PriceEntryParser;
import dev.gantry.core.cost.PriceRule;
import dev.gantry.core.cost.Usd;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code cost} section and a route's {@code budget}, {@code optimize}, {@code tiers} and
 * {@code tiering}. Money is read exactly ({@link Usd#parse}); problems name their path, value and
 * the allowed range. One per load.
 */
final class CostReader {
  static final List<String> COST_KEYS =
      List.of(
          "time_zone",
          "prices",
          "limits",
          "keys",
          "reservation_ttl",
          "estimate_margin",
          "default_output_tokens",
          "max_tags",
          "max_tag_length");
  static final List<String> LIMIT_KEYS =
      List.of("scope", "match", "tenant", "period", "hard", "soft");
  static final List<String> BUDGET_KEYS =
      List.of("max_input_tokens", "on_excess", "max_output_tokens", "max_cost_usd");
  static final List<String> OPTIMIZE_KEYS =
      List.of("dedupe", "compress_context", "history", "max_output_tokens");
  static final List<String> TIERING_KEYS =
      List.of("mode", "router", "threshold", "checks", "examples");

  private final NodeReader r;
  private final Problems problems;

  CostReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  CostConfig cost(Node node, ServerConfig server) {
    CostConfig d = CostConfig.DEFAULTS;
    Duration ttl = server.requestTimeout().plus(Duration.ofMinutes(1));
    Map<String, Node> m = r.map(node, "cost", COST_KEYS);
    if (m == null || m.isEmpty()) {
      return new CostConfig(
          d.timeZone(),
          d.prices(),
          d.limits(),
          d.keyBudgets(),
          ttl,
          d.estimateMargin(),
          d.defaultOutputTokens(),
          d.maxTags(),
          d.maxTagLength());
    }
    int before = problems.size();
    ZoneId zone = d.timeZone();
    String z = r.string(m.get("time_zone"), "cost.time_zone", null);
    if (z != null) {
      try {
        zone = ZoneId.of(z.strip());
      } catch (DateTimeException e) {
        problems.add(
            "cost.time_zone", "'" + z + "' is not a time zone; use e.g. UTC or Europe/London");
      }
    }
    List<PriceRule> prices = prices(m.get("prices"));
    List<SpendLimit> limits = limits(m.get("limits"));
    Map<String, RequestBudget> keys = new LinkedHashMap<>();
    Map<String, Node> keyNodes = r.map(m.get("keys"), "cost.keys", null);
    if (keyNodes != null) {
      keyNodes.forEach((id, n) -> keys.put(id, budget(n, "cost.keys." + id)));
    }
    ttl = r.duration(m.get("reservation_ttl"), "cost.reservation_ttl", ttl, false);
    double margin =
        r.decimal(m.get("estimate_margin"), "cost.estimate_margin", d.estimateMargin(), 0, 1);
    int outTokens =
        r.integer(
            m.get("default_output_tokens"),
            "cost.default_output_tokens",
            d.defaultOutputTokens(),
            1,
            1_000_000);
    int maxTags = r.integer(m.get("max_tags"), "cost.max_tags", d.maxTags(), 0, 100);
    int maxTagLength =
        r.integer(m.get("max_tag_length"), "cost.max_tag_length", d.maxTagLength(), 1, 256);
    if (problems.size() > before) {
      return d;
    }
    return new CostConfig(
        zone, prices, limits, keys, ttl, margin, outTokens, maxTags, maxTagLength);
  }

  private List<PriceRule> prices(Node node) {
    List<PriceRule> out = new ArrayList<>();
    List<Node> items = r.list(node, "cost.prices");
    for (int i = 0; items != null && i < items.size(); i++) {
      String path = "cost.prices[" + i + "]";
      Object tree = strings(items.get(i), path);
      if (!(tree instanceof Map<?, ?> map)) {
        problems.add(path, "expected a map with provider, model and prices");
        continue;
      }
      try {
        out.add(PriceEntryParser.parseRule(map, LocalDate.of(2000, 1, 1)));
      } catch (IllegalArgumentException e) {
        String msg = String.valueOf(e.getMessage());
        int colon = msg.indexOf(": ");
        if (colon > 0) {
          problems.add(path + "." + msg.substring(0, colon), msg.substring(colon + 2));
        } else {
          problems.add(path, msg);
        }
      }
    }
    return out;
  }

  private List<SpendLimit> limits(Node node) {
    List<SpendLimit> out = new ArrayList<>();
    List<Node> items = r.list(node, "cost.limits");
    for (int i = 0; items != null && i < items.size(); i++) {
      String path = "cost.limits[" + i + "]";
      Map<String, Node> m = r.map(items.get(i), path, LIMIT_KEYS);
      if (m == null) {
        continue;
      }
      int before = problems.size();
      SpendLimit.Scope scope =
          choice(m.get("scope"), path + ".scope", SpendLimit.Scope.class, null);
      SpendLimit.Period period =
          choice(m.get("period"), path + ".period", SpendLimit.Period.class, null);
      if (scope == null && NodeReader.absent(m.get("scope"))) {
        problems.add(path + ".scope", "required but missing; allowed tenant, key, customer, tag");
      }
      if (period == null && NodeReader.absent(m.get("period"))) {
        problems.add(path + ".period", "required but missing; allowed day, month");
      }
      String match = r.string(m.get("match"), path + ".match", null);
      String tenant = r.string(m.get("tenant"), path + ".tenant", null);
      long hard = usd(m.get("hard"), path + ".hard");
      long soft = usd(m.get("soft"), path + ".soft");
      if (problems.size() > before) {
        continue;
      }
      if (hard == 0 && soft == 0) {
        problems.add(path, "needs hard or soft (USD amounts > 0)");
      } else if (hard > 0 && soft > hard) {
        problems.add(
            path + ".soft",
            Usd.format(soft) + " is above hard " + Usd.format(hard) + "; allowed <= hard");
      } else if (scope == SpendLimit.Scope.TENANT && tenant != null) {
        problems.add(path + ".tenant", "not allowed on a tenant limit; use match");
      } else {
        out.add(new SpendLimit(scope, match, tenant, period, hard, soft));
      }
    }
    return out;
  }

  /** A dollar amount in micro-units; 0 when absent. */
  private long usd(Node node, String path) {
    Text t = r.text(node, path, false);
    if (t == null) {
      return 0;
    }
    try {
      long v = Usd.parse(t.value());
      if (v == 0) {
        problems.add(path, "0 is out of range; allowed > 0 (leave it out for no limit)");
      }
      return v;
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage() + " (USD)");
      return 0;
    }
  }

  private <E extends Enum<E>> E choice(Node node, String path, Class<E> type, E fallback) {
    String v = r.string(node, path, null);
    if (v == null) {
      return fallback;
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      allowed.add(name);
      if (name.equals(v.strip().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    problems.add(path, "'" + v + "' is not allowed; allowed " + String.join(", ", allowed));
    return fallback;
  }

  // ---- route level -------------------------------------------------------------------------

  RequestBudget budget(Node node, String path) {
    Map<String, Node> m = r.map(node, path, BUDGET_KEYS);
    if (m == null || m.isEmpty()) {
      return RequestBudget.NONE;
    }
    int before = problems.size();
    int input = r.integer(m.get("max_input_tokens"), path + ".max_input_tokens", 0, 1, 10_000_000);
    RequestBudget.OnExcess onExcess =
        choice(
            m.get("on_excess"),
            path + ".on_excess",
            RequestBudget.OnExcess.class,
            RequestBudget.OnExcess.REJECT);
    int output =
        r.integer(m.get("max_output_tokens"), path + ".max_output_tokens", 0, 1, 10_000_000);
    long cost = usd(m.get("max_cost_usd"), path + ".max_cost_usd");
    return problems.size() > before
        ? RequestBudget.NONE
        : new RequestBudget(input, onExcess, output, cost);
  }

  OptimizeConfig optimize(Node node, String path) {
    Map<String, Node> m = r.map(node, path, OPTIMIZE_KEYS);
    if (m == null || m.isEmpty()) {
      return OptimizeConfig.NONE;
    }
    int before = problems.size();
    boolean dedupe = r.bool(m.get("dedupe"), path + ".dedupe", false);
    double ratio = 0;
    int minSentences = 2;
    Map<String, Node> c =
        r.map(
            m.get("compress_context"),
            path + ".compress_context",
            List.of("ratio", "min_sentences"));
    if (c != null && !NodeReader.absent(m.get("compress_context"))) {
      ratio = r.decimal(c.get("ratio"), path + ".compress_context.ratio", 0.5, 0.05, 0.95);
      minSentences =
          r.integer(c.get("min_sentences"), path + ".compress_context.min_sentences", 2, 1, 20);
    }
    Map<String, Node> h =
        r.map(m.get("history"), path + ".history", List.of("max_turns", "max_tokens"));
    int turns = 0;
    int tokens = 0;
    if (h != null) {
      turns = r.integer(h.get("max_turns"), path + ".history.max_turns", 0, 1, 100_000);
      tokens = r.integer(h.get("max_tokens"), path + ".history.max_tokens", 0, 16, 10_000_000);
    }
    int output =
        r.integer(m.get("max_output_tokens"), path + ".max_output_tokens", 0, 1, 10_000_000);
    return problems.size() > before
        ? OptimizeConfig.NONE
        : new OptimizeConfig(dedupe, ratio, minSentences, turns, tokens, output);
  }

  /**
   * Reads {@code tiers} (a map of tier name to deployments) and {@code tiering}; null when the
   * route has no tiers.
   */
  TieringConfig tiering(
      Node tiersNode,
      Node tieringNode,
      String path,
      BiFunction<Node, String, DeploymentConfig> deployment) {
    if (NodeReader.absent(tiersNode)) {
      if (!NodeReader.absent(tieringNode)) {
        problems.add(path + ".tiering", "needs tiers (a map of tier name to deployments)");
      }
      return null;
    }
    int before = problems.size();
    Map<String, Node> tm = r.map(tiersNode, path + ".tiers", null);
    Map<String, List<DeploymentConfig>> tiers = new LinkedHashMap<>();
    if (tm != null) {
      if (tm.size() < 2) {
        problems.add(path + ".tiers", "needs at least two tiers, cheapest first");
      }
      tm.forEach(
          (name, n) -> {
            String tp = path + ".tiers." + name;
            List<Node> items = r.list(n, tp);
            List<DeploymentConfig> ds = new ArrayList<>();
            if (items == null || items.isEmpty()) {
              problems.add(tp, "expected a non-empty list of {provider, model, weight}");
            }
            for (int i = 0; items != null && i < items.size(); i++) {
              DeploymentConfig d = deployment.apply(items.get(i), tp + "[" + i + "]");
              if (d != null) {
                ds.add(d);
              }
            }
            tiers.put(name, ds);
          });
    }
    String tp = path + ".tiering";
    Map<String, Node> m = r.map(tieringNode, tp, TIERING_KEYS);
    if (m == null) {
      m = Map.of();
    }
    TieringConfig.Mode mode =
        choice(m.get("mode"), tp + ".mode", TieringConfig.Mode.class, TieringConfig.Mode.ROUTER);
    boolean router = r.bool(m.get("router"), tp + ".router", true);
    double threshold = r.decimal(m.get("threshold"), tp + ".threshold", 0.5, 0, 1);
    List<TieringConfig.Check> checks = new ArrayList<>();
    if (NodeReader.absent(m.get("checks"))) {
      checks.addAll(List.of(TieringConfig.Check.values()));
    } else {
      List<Node> items = r.list(m.get("checks"), tp + ".checks");
      for (int i = 0; items != null && i < items.size(); i++) {
        TieringConfig.Check c =
            choice(items.get(i), tp + ".checks[" + i + "]", TieringConfig.Check.class, null);
        if (c != null) {
          checks.add(c);
        }
      }
    }
    Map<String, Node> ex = r.map(m.get("examples"), tp + ".examples", List.of("simple", "complex"));
    List<String> simple =
        ex == null ? List.of() : r.strings(ex.get("simple"), tp + ".examples.simple");
    List<String> complex =
        ex == null ? List.of() : r.strings(ex.get("complex"), tp + ".examples.complex");
    if (simple.isEmpty() != complex.isEmpty()) {
      problems.add(tp + ".examples", "give both simple and complex examples, or neither");
    }
    if (problems.size() > before) {
      return null;
    }
    return new TieringConfig(tiers, mode, router, threshold, checks, simple, complex);
  }

  /** A subtree as maps, lists and substituted strings (numbers stay text, so prices stay exact). */
  private Object strings(Node node, String path) {
    if (NodeReader.absent(node)) {
      return null;
    }
    if (node instanceof MappingNode) {
      Map<String, Node> m = r.map(node, path, null);
      if (m == null) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, strings(v, NodeReader.child(path, k))));
      return out;
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(strings(s.getValue().get(i), path + "[" + i + "]"));
      }
      return out;
    }
    Text t = r.text(node, path, false);
    return t == null ? null : t.value();
  }
}
