package dev.gantry.core.config;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code sanitize}: the input limits and the invisible-character policy. One per load. */
final class SanitizeReader {
  static final List<String> SANITIZE_KEYS =
      List.of(
          "max_messages",
          "max_message_chars",
          "max_total_chars",
          "max_json_depth",
          "allowed_roles",
          "allowed_content_part_types",
          "invisible");

  private final NodeReader r;
  private final Problems problems;

  SanitizeReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  SanitizeConfig read(Node node) {
    SanitizeConfig d = SanitizeConfig.DEFAULTS;
    Map<String, Node> m = r.map(node, "sanitize", SANITIZE_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    int before = problems.size();
    int messages =
        r.integer(
            m.get("max_messages"),
            "sanitize.max_messages",
            d.maxMessages(),
            1,
            SanitizeConfig.MAX_MESSAGES_LIMIT);
    int messageChars =
        r.integer(
            m.get("max_message_chars"),
            "sanitize.max_message_chars",
            d.maxMessageChars(),
            1,
            Integer.MAX_VALUE);
    int totalChars =
        r.integer(
            m.get("max_total_chars"),
            "sanitize.max_total_chars",
            Math.max(d.maxTotalChars(), messageChars),
            1,
            Integer.MAX_VALUE);
    int depth =
        r.integer(
            m.get("max_json_depth"),
            "sanitize.max_json_depth",
            d.maxJsonDepth(),
            SanitizeConfig.MIN_JSON_DEPTH,
            dev.gantry.core.api.Json.MAX_DEPTH);
    List<String> roles = r.strings(m.get("allowed_roles"), "sanitize.allowed_roles");
    List<String> parts =
        r.strings(m.get("allowed_content_part_types"), "sanitize.allowed_content_part_types");
    String invisible = r.string(m.get("invisible"), "sanitize.invisible", "report").strip();
    InvisiblePolicy policy = null;
    for (InvisiblePolicy p : InvisiblePolicy.values()) {
      if (p.configName().equals(invisible)) {
        policy = p;
      }
    }
    if (policy == null) {
      problems.add(
          "sanitize.invisible",
          "'" + invisible + "' is not allowed; allowed report, strip, reject");
    }
    if (problems.size() > before) {
      return d;
    }
    try {
      return new SanitizeConfig(
          messages,
          messageChars,
          totalChars,
          depth,
          roles.isEmpty() ? d.allowedRoles() : new java.util.LinkedHashSet<>(roles),
          parts.isEmpty() ? d.allowedContentPartTypes() : new java.util.LinkedHashSet<>(parts),
          policy);
    } catch (IllegalArgumentException e) {
      problems.add("", e.getMessage());
      return d;
    }
  }
}
