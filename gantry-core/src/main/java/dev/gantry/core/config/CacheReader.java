package dev.gantry.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code routes.<name>.cache}. Not thread-safe; one per load. */
final class CacheReader {
  static final List<String> KEYS =
      List.of(
          "exact",
          "semantic",
          "threshold",
          "margin",
          "guard",
          "ttl",
          "requests",
          "shared",
          "key_fields",
          "max_entries",
          "encoder");
  static final List<String> REQUESTS = List.of("deterministic", "all");

  private final NodeReader r;

  CacheReader(NodeReader reader) {
    this.r = reader;
  }

  /** The route's cache, or null when the route has none (absent or {@code false}). */
  RouteCache read(Node node, String path) {
    if (NodeReader.absent(node)) {
      return null;
    }
    if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
      boolean on = r.bool(node, path, false);
      return on ? RouteCache.DEFAULTS : null;
    }
    Map<String, Node> m = r.map(node, path, KEYS);
    if (m == null) {
      return null;
    }
    Problems problems = r.problems();
    int before = problems.size();
    RouteCache d = RouteCache.DEFAULTS;
    boolean exact = r.bool(m.get("exact"), path + ".exact", d.exact());
    boolean semantic = r.bool(m.get("semantic"), path + ".semantic", d.semantic());
    String encoder = r.string(m.get("encoder"), path + ".encoder", d.encoder()).strip();
    if (!RouteCache.ENCODERS.contains(encoder)) {
      problems.add(
          path + ".encoder",
          "'" + encoder + "' is not one of " + String.join(", ", RouteCache.ENCODERS));
    }
    double threshold =
        r.decimal(
            m.get("threshold"),
            path + ".threshold",
            RouteCache.defaultThreshold(encoder),
            0.01,
            1.0);
    double margin = r.decimal(m.get("margin"), path + ".margin", d.margin(), 0, 1.0);
    boolean guard = r.bool(m.get("guard"), path + ".guard", d.guard());
    Duration ttl = r.duration(m.get("ttl"), path + ".ttl", d.ttl(), false);
    if (ttl != null
        && (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(365)) > 0)) {
      problems.add(path + ".ttl", Units.format(ttl) + " is out of range; allowed 1s..365d");
    }
    String requests = r.string(m.get("requests"), path + ".requests", "deterministic").strip();
    if (!REQUESTS.contains(requests)) {
      problems.add(
          path + ".requests", "'" + requests + "' is not one of " + String.join(", ", REQUESTS));
    }
    boolean shared = r.bool(m.get("shared"), path + ".shared", d.shared());
    List<String> fields =
        NodeReader.absent(m.get("key_fields"))
            ? List.of()
            : r.strings(m.get("key_fields"), path + ".key_fields");
    int max =
        r.integer(
            m.get("max_entries"), path + ".max_entries", d.maxEntries(), 1, RouteCache.MAX_ENTRIES);
    if (!exact && !semantic) {
      problems.add(path, "exact and semantic are both false; remove the cache block instead");
    }
    if (problems.size() > before) {
      return null;
    }
    return new RouteCache(
        exact,
        semantic,
        threshold,
        margin,
        guard,
        ttl,
        requests.equals("all"),
        shared,
        fields == null ? List.of() : fields,
        max,
        encoder);
  }
}
