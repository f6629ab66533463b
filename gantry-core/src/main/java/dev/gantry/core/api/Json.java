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

  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(64 * 1024 * 1024)
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
      throw new ApiException(
          ApiError.invalid(
              "The request body is nested deeper than " + MAX_DEPTH + " levels.",
              null,
              "json_too_deep"));
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
