package dev.gantry.core.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON configuration of Gantry: a shared, thread-safe {@link ObjectMapper} whose parser
 * refuses documents nested deeper than {@link #MAX_DEPTH} and trailing content. A duplicate key
 * keeps its last value; that is safe because Gantry forwards the parsed tree, never the client's
 * bytes, so what it validated is exactly what the upstream receives.
 */
public final class Json {
  /** Maximum nesting depth of any JSON document Gantry parses from a client or an upstream. */
  public static final int MAX_DEPTH = 128;

  /** Longest string value accepted, in characters. */
  static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return mapper;
  }

  /**
   * Parses a client's request body, which must be one JSON object.
   *
   * @throws ApiException with a 400 error naming what is wrong
   */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new ApiException(constraint(e));
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ApiError.invalid(
              "We could not parse the JSON body of your request: " + e.getOriginalMessage(),
              null,
              "invalid_json"));
    } catch (IOException e) {
      throw new ApiException(
          ApiError.invalid("We could not read the body of your request.", null, "invalid_json"));
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiException(
          ApiError.invalid(
              "The request body is empty; a JSON object is required.", null, "invalid_json"));
    }
    if (!node.isObject()) {
      throw new ApiException(
          ApiError.invalid(
              "The request body must be a JSON object, not " + node.getNodeType() + ".",
              null,
              "invalid_json"));
    }
    return (ObjectNode) node;
  }

  /**
   * The error for a document that breaks one of the parser's limits, naming which: nesting depth,
   * the length of a number, of a field name or of a string.
   */
  static ApiError constraint(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Number value length")) {
      return ApiError.invalid(
          "A number in the request body has more than "
              + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
              + " digits.",
          null,
          "json_number_too_long");
    }
    if (m.startsWith("Name length")) {
      return ApiError.invalid(
          "A field name in the request body is longer than "
              + StreamReadConstraints.DEFAULT_MAX_NAME_LEN
              + " characters.",
          null,
          "json_name_too_long");
    }
    if (m.startsWith("String value length")) {
      return ApiError.invalid(
          "A string in the request body is longer than " + MAX_STRING_CHARS + " characters.",
          null,
          "json_string_too_long");
    }
    if (m.contains("nesting depth")) {
      return ApiError.invalid(
          "The request body is nested deeper than " + MAX_DEPTH + " levels.",
          null,
          "json_too_deep");
    }
    return ApiError.invalid(
        "The request body exceeds a limit of the JSON parser.", null, "json_too_large");
  }

  /** Parses JSON from a trusted-shape source (upstream); returns null when it is not JSON. */
  public static JsonNode tryParse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  public static byte[] toBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  public static String toString(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
