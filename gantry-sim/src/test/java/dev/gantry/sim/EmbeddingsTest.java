package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.tokens.TokenCounter;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  private static Simulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults());
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static JsonNode embed(String body) {
    HttpResponse<String> response = client.post("/v1/embeddings", body);
    assertThat(response.statusCode()).isEqualTo(200);
    return SimClient.json(response);
  }

  @Test
  void returns_unit_vectors_of_the_requested_dimensions() {
    JsonNode body =
        embed("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\",\"dimensions\":64}");

    JsonNode vector = body.get("data").get(0).get("embedding");
    assertThat(vector).hasSize(64);
    double norm = 0;
    for (JsonNode v : vector) {
      norm += v.asDouble() * v.asDouble();
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
    assertThat(body.get("usage").get("prompt_tokens").asInt())
        .isEqualTo(TokenCounter.defaultCounter().count("hello"));
  }

  @Test
  void defaults_to_1536_dimensions() {
    JsonNode body = embed("{\"model\":\"e\",\"input\":\"hello\"}");

    assertThat(body.get("data").get(0).get("embedding")).hasSize(1536);
  }

  @Test
  void the_same_text_gives_the_same_vector_and_different_texts_differ() {
    JsonNode body = embed("{\"model\":\"e\",\"input\":[\"a\",\"b\",\"a\"],\"dimensions\":16}");
    JsonNode again = embed("{\"model\":\"e\",\"input\":\"a\",\"dimensions\":16}");

    JsonNode data = body.get("data");
    assertThat(data).hasSize(3);
    assertThat(data.get(2).get("index").asInt()).isEqualTo(2);
    assertThat(data.get(0).get("embedding")).isEqualTo(data.get(2).get("embedding"));
    assertThat(data.get(0).get("embedding")).isNotEqualTo(data.get(1).get("embedding"));
    assertThat(again.get("data").get(0).get("embedding")).isEqualTo(data.get(0).get("embedding"));
  }

  @Test
  void encodes_base64_as_little_endian_float32() {
    JsonNode floats = embed("{\"model\":\"e\",\"input\":\"z\",\"dimensions\":4}");
    JsonNode base64 =
        embed("{\"model\":\"e\",\"input\":\"z\",\"dimensions\":4,\"encoding_format\":\"base64\"}");

    ByteBuffer bytes =
        ByteBuffer.wrap(
                Base64.getDecoder().decode(base64.get("data").get(0).get("embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      assertThat(bytes.getFloat())
          .isEqualTo(floats.get("data").get(0).get("embedding").get(i).floatValue());
    }
  }

  @Test
  void counts_token_id_inputs_by_their_length() {
    JsonNode body = embed("{\"model\":\"e\",\"input\":[1,2,3,4],\"dimensions\":4}");

    assertThat(body.get("usage").get("prompt_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void rejects_a_missing_input() {
    HttpResponse<String> response = client.post("/v1/embeddings", "{\"model\":\"e\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(response).get("error").get("param").asText()).isEqualTo("input");
  }
}
