package dev.gantry.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads from a composed YAML tree. Every read takes the dotted path of the node, reports
 * problems there and returns a fallback so that validation can go on and find every problem.
 * Scalars are read as text, substituted from the environment, then converted, so {@code port:
 * ${PORT}} works. Not thread-safe; one per load.
 */
final class NodeReader {
  private static final int MAX_SHOWN = 80;

  private final Map<String, String> env;
  private final Problems problems;

  NodeReader(Map<String, String> env, Problems problems) {
    this.env = env;
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static boolean absent(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  static String kind(Node node) {
    if (absent(node)) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    return "a string";
  }

  /** A value for a message: quoted, escaped, shortened; {@code '****'} when it must not show. */
  static String show(Text text, boolean sensitivePath) {
    if (sensitivePath && text.fromEnv()) {
      return "'****'";
    }
    StringBuilder b = new StringBuilder("'");
    String v = text.value();
    for (int i = 0; i < v.length() && i < MAX_SHOWN; i++) {
      char c = v.charAt(i);
      b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : Character.isISOControl(c) ? "?" : c);
    }
    return b.append(v.length() > MAX_SHOWN ? "...'" : "'").toString();
  }

  /**
   * The entries of a map, in file order. Absent or null is an empty map. Keys not in {@code
   * allowed} (null: any key) and duplicate keys are reported and left out.
   *
   * @return null after reporting a node that is not a map
   */
  Map<String, Node> map(Node node, String path, List<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (absent(node)) {
      return out;
    }
    if (!(node instanceof MappingNode)) {
      problems.add(path, "expected a map, got " + kind(node));
      return null;
    }
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode) || absent(t.getKeyNode())) {
        problems.add(path, "keys must be names, got " + kind(t.getKeyNode()));
        continue;
      }
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      String keyPath = child(path, key);
      if (out.containsKey(key)) {
        problems.add(keyPath, "duplicate key");
      } else if (allowed != null && !allowed.contains(key)) {
        problems.add(
            keyPath,
            "unknown key; allowed keys are "
                + String.join(", ", allowed)
                + Suggestions.didYouMean(key, allowed));
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return out;
  }

  /** The items of a list; null when absent or after reporting a node that is not a list. */
  List<Node> list(Node node, String path) {
    if (absent(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode)) {
      problems.add(path, "expected a list, got " + kind(node));
      return null;
    }
    return ((SequenceNode) node).getValue();
  }

  /** A scalar after substitution; null when absent or after reporting a problem. */
  Text text(Node node, String path, boolean sensitive) {
    if (absent(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode)) {
      problems.add(path, "expected a string, got " + kind(node));
      return null;
    }
    return EnvSubstitution.substitute(
        ((ScalarNode) node).getValue(), env, path, sensitive, problems);
  }

  /**
   * A required, non-empty string; null after reporting it missing (with {@code expected} saying
   * what belongs there) or invalid.
   */
  String required(Node node, String path, String expected) {
    if (absent(node)) {
      problems.add(path, "required but missing; expected " + expected);
      return null;
    }
    Text t = text(node, path, false);
    if (t != null && t.value().isBlank()) {
      problems.add(path, "must not be empty; expected " + expected);
      return null;
    }
    return t == null ? null : t.value();
  }

  String string(Node node, String path, String fallback) {
    Text t = text(node, path, false);
    return t == null ? fallback : t.value();
  }

  int integer(Node node, String path, int fallback, int min, int max) {
    Text t = text(node, path, false);
    if (t == null) {
      return fallback;
    }
    String allowed = "allowed " + (max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max);
    long v;
    try {
      v = Long.parseLong(t.value().strip());
    } catch (NumberFormatException e) {
      problems.add(path, show(t, false) + " is not an integer; " + allowed);
      return fallback;
    }
    if (v < min || v > max) {
      problems.add(path, v + " is out of range; " + allowed);
      return fallback;
    }
    return (int) v;
  }

  boolean bool(Node node, String path, boolean fallback) {
    Text t = text(node, path, false);
    if (t == null) {
      return fallback;
    }
    String v = t.value().strip();
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    problems.add(path, show(t, false) + " is not a boolean; allowed true, false");
    return fallback;
  }

  /** A path to a readable regular file; null when absent (reported if required) or unreadable. */
  java.nio.file.Path readableFile(Node node, String path, boolean required) {
    if (absent(node)) {
      if (required) {
        problems.add(path, "required but missing; expected the path of a PEM file");
      }
      return null;
    }
    String v = string(node, path, null);
    if (v == null) {
      return null;
    }
    java.nio.file.Path p = java.nio.file.Path.of(v.strip());
    if (!java.nio.file.Files.isRegularFile(p) || !java.nio.file.Files.isReadable(p)) {
      problems.add(path, "'" + v.strip() + "' is not a readable file");
      return null;
    }
    return p;
  }

  /** A decimal number within {@code min..max}. */
  double decimal(Node node, String path, double fallback, double min, double max) {
    Text t = text(node, path, false);
    if (t == null) {
      return fallback;
    }
    double v;
    try {
      v = Double.parseDouble(t.value().strip());
    } catch (NumberFormatException e) {
      problems.add(path, show(t, false) + " is not a number; allowed " + min + ".." + max);
      return fallback;
    }
    if (!(v >= min && v <= max)) {
      problems.add(path, t.value().strip() + " is out of range; allowed " + min + ".." + max);
      return fallback;
    }
    return v;
  }

  /** A list of non-empty strings; an empty list when absent. */
  List<String> strings(Node node, String path) {
    List<String> out = new java.util.ArrayList<>();
    List<Node> items = list(node, path);
    for (int i = 0; items != null && i < items.size(); i++) {
      String v = required(items.get(i), path + "[" + i + "]", "a string");
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * A subtree as plain Java values (maps, lists, strings, numbers, booleans, null), scalars
   * substituted from the environment and typed by their YAML tag.
   */
  Object plain(Node node, String path) {
    if (absent(node)) {
      return null;
    }
    if (node instanceof MappingNode) {
      Map<String, Node> m = map(node, path, null);
      if (m == null) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, plain(v, child(path, k))));
      return out;
    }
    if (node instanceof SequenceNode) {
      List<Object> out = new java.util.ArrayList<>();
      List<Node> items = ((SequenceNode) node).getValue();
      for (int i = 0; i < items.size(); i++) {
        out.add(plain(items.get(i), path + "[" + i + "]"));
      }
      return out;
    }
    Text t = text(node, path, false);
    if (t == null) {
      return null;
    }
    Tag tag = node.getTag();
    try {
      if (Tag.BOOL.equals(tag)) {
        return Boolean.parseBoolean(t.value().strip());
      }
      if (Tag.INT.equals(tag)) {
        return Long.parseLong(t.value().strip());
      }
      if (Tag.FLOAT.equals(tag)) {
        return Double.parseDouble(t.value().strip());
      }
    } catch (NumberFormatException e) {
      return t.value();
    }
    return t.value();
  }

  /** A duration that is positive, or at least zero when {@code zeroAllowed}. */
  Duration duration(Node node, String path, Duration fallback, boolean zeroAllowed) {
    Text t = text(node, path, false);
    if (t == null) {
      return fallback;
    }
    Duration d = Units.parseDuration(t.value());
    if (d == null) {
      problems.add(path, show(t, false) + " is not a duration; " + Units.DURATION_FORMS);
      return fallback;
    }
    if (d.isZero() && !zeroAllowed) {
      problems.add(path, t.value().strip() + " is out of range; allowed > 0");
      return fallback;
    }
    return d;
  }

  /** A size in bytes within {@code min..max}. */
  long size(Node node, String path, long fallback, long min, long max) {
    Text t = text(node, path, false);
    if (t == null) {
      return fallback;
    }
    long n = Units.parseSize(t.value());
    if (n < 0) {
      problems.add(path, show(t, false) + " is not a size; " + Units.SIZE_FORMS);
      return fallback;
    }
    if (n < min || n > max) {
      problems.add(
          path,
          t.value().strip()
              + " is out of range; allowed "
              + Units.formatSize(min)
              + ".."
              + Units.formatSize(max));
      return fallback;
    }
    return n;
  }
}
