package dev.gantry.eval.assertion;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small path into a JSON value: either a JSON pointer ({@code /a/b/0}) or a dotted path from
 * {@code $} with member names and array indexes: {@code $.a.b[0]}, {@code $['key with space']},
 * {@code $.items[-1]} (negative indexes count from the end). No wildcards, filters or slices.
 * Immutable.
 */
public final class JsonPath {
  private final String text;
  private final JsonPointer pointer;
  private final List<Object> steps;

  private JsonPath(String text, JsonPointer pointer, List<Object> steps) {
    this.text = text;
    this.pointer = pointer;
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException naming the position of the first thing not understood
   */
  public static JsonPath parse(String path) {
    Objects.requireNonNull(path, "path");
    String p = path.strip();
    if (p.startsWith("/") || p.isEmpty()) {
      try {
        return new JsonPath(p, JsonPointer.compile(p), null);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a JSON pointer: " + e.getMessage());
      }
    }
    if (!p.startsWith("$")) {
      throw new IllegalArgumentException(
          "'" + path + "' is neither a path from $ (like $.a.b[0]) nor a JSON pointer (/a/b/0)");
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw new IllegalArgumentException("empty member name at position " + start + " of " + p);
        }
        steps.add(p.substring(start, i));
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ at position " + i + " of " + p);
        }
        String inside = p.substring(i + 1, close).strip();
        if (inside.length() >= 2
            && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else if (inside.matches("-?\\d+")) {
          steps.add(Integer.parseInt(inside));
        } else {
          throw new IllegalArgumentException(
              "expected an index or a quoted name inside [] at position " + i + " of " + p);
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException(
            "unexpected '" + c + "' at position " + i + " of " + p + "; expected . or [");
      }
    }
    return new JsonPath(p, null, List.copyOf(steps));
  }

  /** The value at this path, or a {@link MissingNode} when there is none. */
  public JsonNode find(JsonNode root) {
    if (pointer != null) {
      return root.at(pointer);
    }
    JsonNode node = root;
    for (Object step : steps) {
      if (step instanceof Integer index) {
        if (!node.isArray()) {
          return MissingNode.getInstance();
        }
        int at = index < 0 ? node.size() + index : index;
        node = at >= 0 && at < node.size() ? node.get(at) : MissingNode.getInstance();
      } else {
        node = node.isObject() ? node.path((String) step) : MissingNode.getInstance();
      }
      if (node.isMissingNode()) {
        return node;
      }
    }
    return node;
  }

  @Override
  public String toString() {
    return text;
  }
}
