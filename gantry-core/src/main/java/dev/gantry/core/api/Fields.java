package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed field checks shared by the request validators, with OpenAI's error wording and codes
 * ({@code invalid_type}, {@code invalid_value}, {@code missing_required_parameter}). Stateless.
 */
final class Fields {
  private Fields() {}

  static String requiredString(ObjectNode node, String field) {
    return requiredString(node, field, field);
  }

  static String requiredString(ObjectNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw missing(path);
    }
    if (!value.isTextual()) {
      throw wrongType(path, "a string", value);
    }
    return value.asText();
  }

  static boolean optionalBoolean(ObjectNode node, String field, boolean dflt) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return dflt;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "a boolean", value);
    }
    return value.booleanValue();
  }

  static void optionalNumber(ObjectNode node, String field, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isNumber()) {
      throw wrongType(field, "a number", value);
    }
    double v = value.doubleValue();
    if (v < min || v > max) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '"
                  + field
                  + "': "
                  + value.asText()
                  + " is outside the allowed range ["
                  + fmt(min)
                  + ", "
                  + fmt(max)
                  + "].",
              field,
              "invalid_value"));
    }
  }

  static void optionalInteger(ObjectNode node, String field, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isIntegralNumber()) {
      throw wrongType(field, "an integer", value);
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '"
                  + field
                  + "': "
                  + value.asText()
                  + " is outside the allowed range ["
                  + min
                  + ", "
                  + max
                  + "].",
              field,
              "invalid_value"));
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static ApiException missing(String path) {
    return new ApiException(
        ApiError.invalid(
            "Missing required parameter: '" + path + "'.", path, "missing_required_parameter"));
  }

  static ApiException wrongType(String path, String expected, JsonNode actual) {
    return new ApiException(
        ApiError.invalid(
            "Invalid type for '"
                + path
                + "': expected "
                + expected
                + ", but got "
                + describe(actual)
                + " instead.",
            path,
            "invalid_type"));
  }

  static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case STRING:
        return "a string";
      case NUMBER:
        return node.isIntegralNumber() ? "an integer" : "a decimal";
      case BOOLEAN:
        return "a boolean";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NULL:
        return "null";
      default:
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
