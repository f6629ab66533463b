package dev.gantry.guardrails.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks the regular expressions of a JSON Schema from a client before it is compiled: every {@code
 * pattern} and every {@code patternProperties} key must be one RE2/J runs ({@link
 * Re2jRegularExpressionFactory#compile}), and there may be at most {@link #MAX_PATTERNS} of them.
 * Values of {@code const}, {@code enum}, {@code default} and {@code examples} are data, not schema,
 * and are skipped (except as property names). Stateless.
 */
final class SchemaPatterns {
  /** The most patterns one schema may contain. */
  static final int MAX_PATTERNS = 256;

  private static final Set<String> DATA = Set.of("const", "enum", "default", "examples");

  /** Keywords whose value maps names to subschemas (where a name like "const" is no keyword). */
  private static final Set<String> NAME_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

  private SchemaPatterns() {}

  /** Why the schema's patterns cannot be used (safe to show a client), or null when they can. */
  static String problem(JsonNode schema) {
    int[] count = {0};
    try {
      walk(schema, count, false);
    } catch (Re2jRegularExpressionFactory.Unsupported e) {
      return e.getMessage();
    }
    return null;
  }

  private static void walk(JsonNode node, int[] count, boolean nameMap) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        walk(item, count, false);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (nameMap) {
        walk(value, count, false);
        continue;
      }
      if (DATA.contains(key)) {
        continue;
      }
      if (key.equals("pattern") && value.isTextual()) {
        use(value.asText(), count);
      } else if (key.equals("patternProperties") && value.isObject()) {
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
          use(names.next(), count);
        }
      }
      walk(value, count, NAME_MAPS.contains(key));
    }
  }

  private static void use(String regex, int[] count) {
    if (++count[0] > MAX_PATTERNS) {
      throw new Re2jRegularExpressionFactory.Unsupported(
          "the schema has more than " + MAX_PATTERNS + " patterns");
    }
    Re2jRegularExpressionFactory.compile(regex);
  }
}
