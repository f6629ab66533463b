package dev.gantry.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of suite fields. Every failure is an {@link IllegalArgumentException} whose message
 * starts with the field path, states what was expected and shows what was found, e.g. {@code
 * cases[2].threshold: expected a number in 0.0..1.0, got the text "high"}. Stateless.
 */
public final class Fields {
  private Fields() {}

  /** A short description of a node for messages: {@code the number 42}, {@code a list}... */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      String t = node.textValue();
      return "the text \"" + (t.length() > 60 ? t.substring(0, 57) + "..." : t) + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a mapping";
  }

  public static IllegalArgumentException invalid(String path, String expected, JsonNode got) {
    return new IllegalArgumentException(path + ": expected " + expected + ", got " + describe(got));
  }

  /** Whether the field is absent or null. */
  public static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /** A required string; numbers and booleans are accepted as their text. */
  public static String text(JsonNode node, String path) {
    if (node != null && (node.isTextual() || node.isNumber() || node.isBoolean())) {
      return node.asText();
    }
    throw invalid(path, "a string", node);
  }

  /** A required non-blank string. */
  public static String nonBlank(JsonNode node, String path) {
    String s = text(node, path);
    if (s.isBlank()) {
      throw new IllegalArgumentException(path + ": must not be empty");
    }
    return s;
  }

  /** A number within [min, max]. */
  public static double number(JsonNode node, String path, double min, double max) {
    double v;
    if (node != null && node.isNumber()) {
      v = node.doubleValue();
    } else if (node != null && node.isTextual() && isNumeric(node.textValue())) {
      v = Double.parseDouble(node.textValue().trim());
    } else {
      throw invalid(path, "a number in " + min + ".." + max, node);
    }
    if (!(v >= min && v <= max)) {
      throw invalid(path, "a number in " + min + ".." + max, node);
    }
    return v;
  }

  /** A whole number within [min, max]. */
  public static long integer(JsonNode node, String path, long min, long max) {
    long v;
    if (node != null && node.isIntegralNumber()) {
      v = node.longValue();
    } else if (node != null && node.isTextual() && node.textValue().trim().matches("-?\\d{1,18}")) {
      v = Long.parseLong(node.textValue().trim());
    } else {
      throw invalid(path, "a whole number in " + min + ".." + max, node);
    }
    if (v < min || v > max) {
      throw invalid(path, "a whole number in " + min + ".." + max, node);
    }
    return v;
  }

  /** A non-negative decimal, kept exact (for money). */
  public static BigDecimal decimal(JsonNode node, String path) {
    try {
      BigDecimal v;
      if (node != null && node.isNumber()) {
        v = node.decimalValue();
      } else if (node != null && node.isTextual()) {
        v = new BigDecimal(node.textValue().trim());
      } else {
        throw invalid(path, "a non-negative decimal number", node);
      }
      if (v.signum() < 0) {
        throw invalid(path, "a non-negative decimal number", node);
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(path, "a non-negative decimal number", node);
    }
  }

  public static boolean bool(JsonNode node, String path) {
    if (node != null && node.isBoolean()) {
      return node.booleanValue();
    }
    if (node != null && node.isTextual()) {
      String t = node.textValue().trim().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return t.equals("true");
      }
    }
    throw invalid(path, "true or false", node);
  }

  /** One string or a non-empty list of strings. */
  public static List<String> strings(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      if (node.isEmpty()) {
        throw invalid(path, "a string or a non-empty list of strings", node);
      }
      for (int i = 0; i < node.size(); i++) {
        out.add(text(node.get(i), path + "[" + i + "]"));
      }
      return out;
    }
    out.add(text(node, path));
    return out;
  }

  /** A list of strings, possibly empty. */
  public static List<String> stringList(JsonNode node, String path) {
    if (node != null && node.isArray()) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        out.add(text(node.get(i), path + "[" + i + "]"));
      }
      return out;
    }
    throw invalid(path, "a list of strings", node);
  }

  /** Fails when the mapping has a key outside {@code allowed}, suggesting the closest one. */
  public static void onlyKeys(JsonNode object, String path, Collection<String> allowed) {
    if (object == null || !object.isObject()) {
      throw invalid(path, "a mapping", object);
    }
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      String key = it.next().getKey();
      if (!allowed.contains(key)) {
        String near = closest(key, allowed);
        throw new IllegalArgumentException(
            (path.isEmpty() ? "" : path + ".")
                + key
                + ": unknown field"
                + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; allowed: "
                + String.join(", ", allowed));
      }
    }
  }

  /** The allowed word within edit distance 2 of {@code word}, or null. */
  public static String closest(String word, Collection<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : allowed) {
      int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static boolean isNumeric(String s) {
    try {
      Double.parseDouble(s.trim());
      return !s.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
