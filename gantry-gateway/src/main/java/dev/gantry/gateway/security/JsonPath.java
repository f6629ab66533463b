package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A location in a request body, written the way OpenAI names parameters ({@code
 * messages[3].content[0].text}). An immutable linked list from the leaf to the root, so that
 * extending a path while walking costs one small object and the string is built only when an error
 * or a finding needs it.
 */
final class JsonPath {
  private final JsonPath parent;
  private final String field;
  private final int index;

  private JsonPath(JsonPath parent, String field, int index) {
    this.parent = parent;
    this.field = field;
    this.index = index;
  }

  /** A top-level field of the body. */
  static JsonPath root(String field) {
    return new JsonPath(null, field, -1);
  }

  JsonPath field(String name) {
    return new JsonPath(this, name, -1);
  }

  JsonPath index(int i) {
    return new JsonPath(this, null, i);
  }

  /** Replaces the value at this path in {@code root} with {@code text}. */
  void set(ObjectNode root, String text) {
    JsonNode container = parent == null ? root : parent.resolve(root);
    if (field != null) {
      ((ObjectNode) container).set(field, TextNode.valueOf(text));
    } else {
      ((ArrayNode) container).set(index, TextNode.valueOf(text));
    }
  }

  private JsonNode resolve(ObjectNode root) {
    JsonNode container = parent == null ? root : parent.resolve(root);
    return field != null ? container.get(field) : container.get(index);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    append(out);
    return out.toString();
  }

  private void append(StringBuilder out) {
    if (parent != null) {
      parent.append(out);
    }
    if (field != null) {
      if (parent != null) {
        out.append('.');
      }
      out.append(field);
    } else {
      out.append('[').append(index).append(']');
    }
  }
}
