package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings} and the Azure deployment path: one deterministic unit vector per
 * input (a string, an array of strings, an array of token ids or an array of those), of {@code
 * dimensions} floats (default 1536), as floats or base64 little-endian float32.
 */
final class EmbeddingsHandler {
  private static final int DEFAULT_DIMENSIONS = 1536;

  private EmbeddingsHandler() {}

  /** One input: its text (token ids rendered as text) and its size in tokens. */
  private record Input(String text, int tokens) {}

  /** What an embeddings request asks for. */
  private record Request(String model, List<Input> inputs, int dimensions, boolean base64) {}

  private static Request parse(Call call) {
    String model =
        call.deployment != null ? call.deployment : RequestFields.requireString(call.body, "model");
    List<Input> inputs = inputs(call.body.get("input"));
    int dimensions =
        RequestFields.optionalInt(call.body, "dimensions", 1, 3072, DEFAULT_DIMENSIONS);
    String format = call.body.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw RequestFields.invalid(
          "'encoding_format' must be 'float' or 'base64'.", "encoding_format");
    }
    return new Request(model, inputs, dimensions, format.equals("base64"));
  }

  static void handle(Call call) {
    Request request = Handlers.accept(call, EmbeddingsHandler::parse);
    if (request == null) {
      return;
    }
    String model = request.model();
    List<Input> inputs = request.inputs();
    int dimensions = request.dimensions();
    boolean base64 = request.base64();
    FaultDecision fault = Admission.admit(call, model, false);
    if (fault == null) {
      return;
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      float[] vector = Embeddings.vector(inputs.get(i).text(), dimensions);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
      tokens += inputs.get(i).tokens();
    }
    root.put("model", model);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    Delivery.json(call, Json.toBytes(root), 1, fault);
  }

  private static List<Input> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw RequestFields.invalid("Missing required parameter: 'input'.", "input");
    }
    if (input.isTextual()) {
      return List.of(new Input(input.asText(), Tokens.count(input.asText())));
    }
    if (!input.isArray() || input.isEmpty()) {
      throw RequestFields.invalid(
          "'input' must be a string, an array of strings or an array of token arrays.", "input");
    }
    if (input.get(0).isIntegralNumber()) {
      return List.of(tokenIds(input));
    }
    List<Input> out = new ArrayList<>(input.size());
    for (JsonNode item : input) {
      if (item.isTextual()) {
        out.add(new Input(item.asText(), Tokens.count(item.asText())));
      } else if (item.isArray() && !item.isEmpty()) {
        out.add(tokenIds(item));
      } else {
        throw RequestFields.invalid(
            "'input' must be a string, an array of strings or an array of token arrays.", "input");
      }
    }
    return out;
  }

  private static Input tokenIds(JsonNode ids) {
    StringBuilder text = new StringBuilder();
    for (JsonNode id : ids) {
      if (!id.isIntegralNumber()) {
        throw RequestFields.invalid("Token arrays must contain integers only.", "input");
      }
      text.append(id.asLong()).append(' ');
    }
    return new Input(text.toString(), ids.size());
  }
}
