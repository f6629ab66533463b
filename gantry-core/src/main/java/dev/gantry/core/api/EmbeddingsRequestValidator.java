package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Checks a {@code /v1/embeddings} body; returns the public model name. Thread-safe. */
public final class EmbeddingsRequestValidator {
  private EmbeddingsRequestValidator() {}

  /**
   * @return the requested model name
   * @throws ApiException with a 400 error naming the first problem found
   */
  public static String validate(ObjectNode body) {
    String model = Fields.requiredString(body, "model");
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw Fields.missing("input");
    }
    if (input.isTextual()) {
      return model;
    }
    if (!input.isArray()) {
      throw Fields.wrongType(
          "input",
          "one of a string, array of strings, array of integers or array of arrays",
          input);
    }
    if (input.isEmpty()) {
      throw new ApiException(
          ApiError.invalid("'input' must not be an empty array.", "input", "empty_array"));
    }
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      if (!item.isTextual() && !item.isIntegralNumber() && !item.isArray()) {
        throw Fields.wrongType(
            "input[" + i + "]", "a string, an integer or an array of integers", item);
      }
    }
    JsonNode format = body.get("encoding_format");
    if (format != null
        && !format.isNull()
        && !("float".equals(format.asText()) || "base64".equals(format.asText()))) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid value: '"
                  + format.asText()
                  + "'. Supported values are: 'float' and 'base64'.",
              "encoding_format",
              "invalid_value"));
    }
    return model;
  }
}
