package dev.gantry.core.config;

import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Writes a calibrated similarity threshold into a configuration file's text, changing only that
 * value (comments, order and layout stay): {@code routes.<route>.cache.threshold} is replaced, or
 * added to the route's {@code cache} block. Stateless.
 */
public final class CacheThresholdEdit {
  private CacheThresholdEdit() {}

  /**
   * @return the text with the threshold set
   * @throws ConfigException when the text does not parse or the route has no {@code cache} block
   */
  public static String apply(String yaml, String route, double threshold) throws ConfigException {
    String value = String.format(Locale.ROOT, "%.3f", threshold);
    Node root = YamlParser.compose(yaml, "config");
    Node routes = child(root, "routes");
    Node r = child(routes, route);
    if (r == null) {
      throw new ConfigException("config", java.util.List.of("routes." + route + ": no such route"));
    }
    Node cache = child(r, "cache");
    if (cache == null) {
      throw new ConfigException(
          "config",
          java.util.List.of("routes." + route + ".cache: the route has no cache block to set"));
    }
    if (cache instanceof ScalarNode s) {
      return replace(yaml, s, "{threshold: " + value + "}");
    }
    Node old = child(cache, "threshold");
    if (old instanceof ScalarNode s) {
      return replace(yaml, s, value);
    }
    MappingNode m = (MappingNode) cache;
    int start = m.getStartMark().orElseThrow().getIndex();
    if (m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
      return yaml.substring(0, start + 1)
          + "threshold: "
          + value
          + (m.getValue().isEmpty() ? "" : ", ")
          + yaml.substring(start + 1);
    }
    int column = m.getStartMark().orElseThrow().getColumn();
    return yaml.substring(0, start)
        + "threshold: "
        + value
        + "\n"
        + " ".repeat(column)
        + yaml.substring(start);
  }

  private static String replace(String yaml, ScalarNode s, String text) {
    int from = s.getStartMark().orElseThrow().getIndex();
    int to = s.getEndMark().orElseThrow().getIndex();
    return yaml.substring(0, from) + text + yaml.substring(to);
  }

  private static Node child(Node node, String key) {
    if (!(node instanceof MappingNode m)) {
      return null;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }
}
