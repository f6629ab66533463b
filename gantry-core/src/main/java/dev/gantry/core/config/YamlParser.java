package dev.gantry.core.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into a node tree (YAML 1.2 core schema, one document). Syntax errors become a
 * {@link ConfigException} naming line and column (1-based), without the source snippet, so a secret
 * written on the offending line is not echoed. Stateless.
 */
final class YamlParser {
  private YamlParser() {}

  /** The root node, or null for an empty document. */
  static Node compose(String yaml, String source) throws ConfigException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source)
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true) // reported by NodeReader, with their config path
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(50)
            .build();
    try {
      return new Compose(settings).composeString(yaml).orElse(null);
    } catch (MarkedYamlEngineException e) {
      StringBuilder b = new StringBuilder(source).append(": YAML syntax error");
      b.append(at(e.getProblemMark())).append(": ").append(e.getProblem());
      if (e.getContext() != null && !e.getContext().isBlank()) {
        b.append(" (").append(e.getContext()).append(at(e.getContextMark())).append(')');
      }
      throw new ConfigException(source, b.toString());
    } catch (YamlEngineException e) {
      throw new ConfigException(source, source + ": YAML error: " + e.getMessage());
    }
  }

  private static String at(Optional<Mark> mark) {
    return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("");
  }
}
