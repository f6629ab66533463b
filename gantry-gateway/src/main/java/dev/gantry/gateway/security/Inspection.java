package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.config.InvisiblePolicy;
import dev.gantry.core.config.SanitizeConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One walk of the {@link Sanitizer} over one request body. Every string in the body is looked at
 * exactly once: message text by the {@link TextScanner}, every other string (and every field name)
 * for unpaired surrogates only. Checks run in document order and the first problem wins, except
 * that the message count is checked before anything else and the total length after everything
 * else. Single use, single thread.
 */
final class Inspection {
  private final SanitizeConfig config;
  private final int maxDepth;
  private final List<Finding> findings = new ArrayList<>();
  private final List<Edit> edits = new ArrayList<>();
  private final TextScanner scanner;
  private long totalChars;

  /** A text to replace in the copy handed back under {@link InvisiblePolicy#STRIP}. */
  private record Edit(JsonPath path, String text) {}

  /** Thrown where the depth limit is first exceeded; turned into an error by the element. */
  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient JsonPath path;

    TooDeep(JsonPath path) {
      super(null, null, false, false);
      this.path = path;
    }
  }

  Inspection(SanitizeConfig config) {
    this.config = config;
    this.maxDepth = config.maxJsonDepth();
    this.scanner = new TextScanner(config.invisible() == InvisiblePolicy.STRIP, findings);
  }

  SanitizeResult run(ObjectNode body) {
    try {
      JsonNode messages = body.get("messages");
      if (messages != null && messages.isArray() && messages.size() > config.maxMessages()) {
        throw SanitizeErrors.tooManyMessages(config.maxMessages(), messages.size());
      }
      Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        JsonNode value = field.getValue();
        TextScanner.checkSurrogates(name, null, true);
        JsonPath path = JsonPath.root(name);
        if (value.isArray() && "messages".equals(name)) {
          for (int i = 0; i < value.size(); i++) {
            JsonNode message = value.get(i);
            try {
              message(message, i, path.index(i));
            } catch (TooDeep e) {
              throw tooDeep(path.index(i), message, e);
            }
          }
        } else if (value.isArray() && ("tools".equals(name) || "functions".equals(name))) {
          for (int i = 0; i < value.size(); i++) {
            JsonNode tool = value.get(i);
            try {
              walk(tool, path.index(i), 1, maxDepth);
            } catch (TooDeep e) {
              throw tooDeep(path.index(i), tool, e);
            }
          }
        } else {
          walk(value, path, 1, Integer.MAX_VALUE);
        }
      }
      if (totalChars > config.maxTotalChars()) {
        throw SanitizeErrors.totalTooLong(config.maxTotalChars(), totalChars);
      }
    } catch (ApiException e) {
      return new SanitizeResult.Rejected(e.error(), List.of());
    }
    if (findings.isEmpty()) {
      return SanitizeResult.CLEAN;
    }
    switch (config.invisible()) {
      case STRIP:
        ObjectNode copy = body.deepCopy();
        for (Edit edit : edits) {
          edit.path().set(copy, edit.text());
        }
        return new SanitizeResult.Stripped(copy, findings);
      case REJECT:
        return new SanitizeResult.Rejected(
            SanitizeErrors.invisible(findings.get(0), findings.size()), findings);
      case REPORT:
      default:
        return new SanitizeResult.Flagged(findings);
    }
  }

  /**
   * One message. Its object is level 1, so {@code content} and {@code tool_calls} are level 2, a
   * part or a call level 3 and a part's {@code image_url} or a call's {@code function} level 4:
   * these fixed levels never exceed {@link SanitizeConfig#MIN_JSON_DEPTH}, and everything below
   * them is walked with the limit.
   */
  private void message(JsonNode node, int index, JsonPath path) {
    if (!node.isObject()) {
      walk(node, path, 1, maxDepth);
      return;
    }
    JsonNode role = node.get("role");
    if (role != null && role.isTextual() && !config.allowedRoles().contains(role.textValue())) {
      throw SanitizeErrors.roleNotAllowed(
          path.field("role").toString(), role.textValue(), config.allowedRoles());
    }
    long contentChars = 0;
    long otherChars = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      TextScanner.checkSurrogates(name, path, true);
      JsonPath p = path.field(name);
      if ("content".equals(name) && value.isTextual()) {
        contentChars += text(value, index, p);
      } else if ("content".equals(name) && value.isArray()) {
        contentChars += parts(value, index, p);
      } else if ("tool_calls".equals(name) && value.isArray()) {
        otherChars += toolCalls(value, index, p);
      } else if ("function_call".equals(name) && value.isObject()) {
        otherChars += arguments(value, index, p, 3);
      } else {
        walk(value, p, 2, maxDepth);
      }
    }
    long chars = contentChars + otherChars;
    if (chars > config.maxMessageChars()) {
      JsonPath param = contentChars > config.maxMessageChars() ? path.field("content") : path;
      throw SanitizeErrors.messageTooLong(param.toString(), config.maxMessageChars(), chars);
    }
    totalChars += chars;
  }

  private long parts(JsonNode parts, int index, JsonPath path) {
    long chars = 0;
    for (int j = 0; j < parts.size(); j++) {
      JsonNode part = parts.get(j);
      JsonPath p = path.index(j);
      if (!part.isObject()) {
        walk(part, p, 3, maxDepth);
        continue;
      }
      JsonNode typeNode = part.get("type");
      String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
      if (type != null && !config.allowedContentPartTypes().contains(type)) {
        throw SanitizeErrors.partTypeNotAllowed(
            p.field("type").toString(), type, config.allowedContentPartTypes());
      }
      Iterator<Map.Entry<String, JsonNode>> fields = part.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        JsonNode value = field.getValue();
        TextScanner.checkSurrogates(name, p, true);
        boolean isText =
            ("text".equals(name) && "text".equals(type))
                || ("refusal".equals(name) && "refusal".equals(type));
        if (isText && value.isTextual()) {
          chars += text(value, index, p.field(name));
        } else {
          walk(value, p.field(name), 4, maxDepth);
        }
      }
    }
    return chars;
  }

  private long toolCalls(JsonNode calls, int index, JsonPath path) {
    long chars = 0;
    for (int k = 0; k < calls.size(); k++) {
      JsonNode call = calls.get(k);
      JsonPath p = path.index(k);
      if (!call.isObject()) {
        walk(call, p, 3, maxDepth);
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = call.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        TextScanner.checkSurrogates(field.getKey(), p, true);
        JsonPath fp = p.field(field.getKey());
        if ("function".equals(field.getKey()) && field.getValue().isObject()) {
          chars += arguments(field.getValue(), index, fp, 5);
        } else {
          walk(field.getValue(), fp, 4, maxDepth);
        }
      }
    }
    return chars;
  }

  /** A function object whose {@code arguments} string is text; its other values are at level. */
  private long arguments(JsonNode function, int index, JsonPath path, int level) {
    long chars = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = function.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      TextScanner.checkSurrogates(field.getKey(), path, true);
      JsonPath p = path.field(field.getKey());
      if ("arguments".equals(field.getKey()) && field.getValue().isTextual()) {
        chars += text(field.getValue(), index, p);
      } else {
        walk(field.getValue(), p, level, maxDepth);
      }
    }
    return chars;
  }

  private int text(JsonNode value, int index, JsonPath path) {
    int codePoints = scanner.scan(value.textValue(), index, path);
    String stripped = scanner.stripped();
    if (stripped != null) {
      edits.add(new Edit(path, stripped));
    }
    return codePoints;
  }

  /**
   * Any other value: strings are checked for unpaired surrogates; a container at {@code level}
   * deeper than {@code limit} stops the walk.
   */
  private static void walk(JsonNode node, JsonPath path, int level, int limit) {
    if (node.isTextual()) {
      TextScanner.checkSurrogates(node.textValue(), path, false);
      return;
    }
    if (!node.isContainerNode()) {
      return;
    }
    if (level > limit) {
      throw new TooDeep(path);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path.index(i), level + 1, limit);
      }
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      TextScanner.checkSurrogates(field.getKey(), path, true);
      walk(field.getValue(), path.field(field.getKey()), level + 1, limit);
    }
  }

  private ApiException tooDeep(JsonPath element, JsonNode node, TooDeep e) {
    return SanitizeErrors.tooDeep(element.toString(), e.path.toString(), maxDepth, depth(node));
  }

  /** Levels of arrays and objects in {@code node}, itself included; 0 for a scalar. */
  private static int depth(JsonNode node) {
    if (!node.isContainerNode()) {
      return 0;
    }
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }
}
