package dev.gantry.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value read from a scenario YAML document together with its path ({@code rules[2].reply}), so
 * every type error names where it happened. Immutable.
 */
record YamlNode(String path, Object value) {

  static YamlNode root(Object value) {
    return new YamlNode("", value);
  }

  boolean isNull() {
    return value == null;
  }

  boolean isMap() {
    return value instanceof Map;
  }

  boolean isList() {
    return value instanceof List;
  }

  boolean isNumber() {
    return value instanceof Number;
  }

  IllegalArgumentException error(String message) {
    return new IllegalArgumentException((path.isEmpty() ? "(root)" : path) + ": " + message);
  }

  private IllegalArgumentException expected(String what) {
    return error("expected " + what + ", got " + describe(value));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof Boolean) {
      return "the boolean " + v;
    }
    if (v instanceof Number) {
      return "the number " + v;
    }
    return "a " + v.getClass().getSimpleName();
  }

  /** The child under {@code key} of this mapping (a null value when absent). */
  YamlNode get(String key) {
    Object child = asMap().get(key);
    return new YamlNode(path.isEmpty() ? key : path + "." + key, child);
  }

  /** This mapping, after checking that it has only the {@code allowed} keys. */
  Map<?, ?> asMap(Set<String> allowed) {
    Map<?, ?> map = asMap();
    for (Object key : map.keySet()) {
      if (!(key instanceof String k) || !allowed.contains(k)) {
        String at = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        throw new IllegalArgumentException(
            at + ": unknown key; expected one of " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return map;
  }

  Map<?, ?> asMap() {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw expected("a mapping");
  }

  List<YamlNode> asList() {
    if (!(value instanceof List<?> list)) {
      throw expected("a list");
    }
    List<YamlNode> items = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      items.add(new YamlNode(path + "[" + i + "]", list.get(i)));
    }
    return items;
  }

  String asString() {
    if (value instanceof String s) {
      return s;
    }
    throw expected("a string");
  }

  String asString(String fallback) {
    return value == null ? fallback : asString();
  }

  /** A scalar rendered as a string: model names such as {@code 4} or {@code true} are allowed. */
  String asScalarString() {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw expected("a string");
  }

  double asDouble(double min, double max, double fallback) {
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n)) {
      throw expected("a number");
    }
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) {
      throw error("expected a number in " + min + ".." + max + ", got " + n);
    }
    return d;
  }

  long asLong(long min, long max, long fallback) {
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
      throw expected("a whole number");
    }
    long l = ((Number) value).longValue();
    if (l < min || l > max) {
      throw error("expected a whole number in " + min + ".." + max + ", got " + l);
    }
    return l;
  }

  int asInt(int min, int max, int fallback) {
    return (int) asLong(min, max, fallback);
  }

  /** A list of scalar strings; a single scalar is accepted as a one-element list. */
  List<String> asStringList() {
    if (value == null) {
      return List.of();
    }
    if (!isList()) {
      return List.of(asScalarString());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : asList()) {
      out.add(item.asScalarString());
    }
    return List.copyOf(out);
  }
}
