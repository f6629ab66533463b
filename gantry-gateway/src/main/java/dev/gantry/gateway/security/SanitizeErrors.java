package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The 400 errors of the sanitiser, worded like OpenAI's own ({@code Invalid 'param': ...}), each
 * naming the limit with its config path and the value found. Stateless.
 */
final class SanitizeErrors {
  private SanitizeErrors() {}

  static ApiException tooManyMessages(int max, int actual) {
    return error(
        "Invalid 'messages': array too long. Expected an array with maximum length "
            + max
            + " (sanitize.max_messages), but got an array with length "
            + actual
            + " instead.",
        "messages",
        "array_above_max_length");
  }

  static ApiException roleNotAllowed(String param, String role, Collection<String> allowed) {
    return error(
        "Invalid value: '"
            + role
            + "'. This gateway accepts only the roles "
            + quoted(allowed)
            + " (sanitize.allowed_roles).",
        param,
        "invalid_value");
  }

  static ApiException partTypeNotAllowed(String param, String type, Collection<String> allowed) {
    return error(
        "Invalid value: '"
            + type
            + "'. This gateway accepts only the content part types "
            + quoted(allowed)
            + " (sanitize.allowed_content_part_types).",
        param,
        "invalid_value");
  }

  static ApiException messageTooLong(String param, int max, long actual) {
    return error(
        "Invalid '"
            + param
            + "': message too long. Expected at most "
            + max
            + " characters (sanitize.max_message_chars), but got "
            + actual
            + " instead.",
        param,
        "string_above_max_length");
  }

  static ApiException totalTooLong(int max, long actual) {
    return error(
        "Invalid 'messages': too much text. Expected at most "
            + max
            + " characters over all messages (sanitize.max_total_chars), but got "
            + actual
            + " instead.",
        "messages",
        "total_text_above_max_length");
  }

  static ApiException tooDeep(String element, String param, int max, int actual) {
    return error(
        "Invalid '"
            + element
            + "': nested too deeply. Expected at most "
            + max
            + " levels of arrays and objects (sanitize.max_json_depth), but got "
            + actual
            + " levels instead; the limit is first exceeded at '"
            + param
            + "'.",
        param,
        "json_too_deep");
  }

  static ApiError invisible(Finding first, int total) {
    return ApiError.invalid(
        "Invalid '"
            + first.path()
            + "': it contains "
            + first.count()
            + " "
            + first.kind().description()
            + ", the first at offset "
            + first.offsets().get(0)
            + (total > 1 ? " (" + total + " findings in this request)" : "")
            + ". Invisible characters can hide instructions and are not accepted"
            + " (sanitize.invisible: reject).",
        first.path(),
        "invisible_characters");
  }

  private static ApiException error(String message, String param, String code) {
    return new ApiException(ApiError.invalid(message, param, code));
  }

  /** {@code 'a', 'b' and 'c'}. */
  static String quoted(Collection<String> values) {
    List<String> q = new ArrayList<>(values.size());
    for (String v : values) {
      q.add("'" + v + "'");
    }
    if (q.size() == 1) {
      return q.get(0);
    }
    return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
  }
}
