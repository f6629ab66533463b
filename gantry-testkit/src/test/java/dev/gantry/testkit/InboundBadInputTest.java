package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input on the Responses, Messages and completions endpoints gets that API's error shape and
 * the right status, and the server stays healthy.
 */
class InboundBadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway = GantryTestKit.gateway(UpstreamKinds.CONFIG, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/responses|{not json|-|400|",
        "/v1/responses|{\"input\":\"hi\"}|-|400|model",
        "/v1/responses|{\"model\":\"openai\"}|-|400|input",
        "/v1/responses|{\"model\":\"openai\",\"input\":42}|-|400|input",
        "/v1/responses|{\"model\":\"openai\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}|-|400|input[0].type",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}|-|400|tools[0].type",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}}|-|400|text.format.type",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\",\"max_output_tokens\":-1}|-|400|max_output_tokens",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\",\"background\":true}|-|400|background",
        "/v1/responses|{\"model\":\"nope\",\"input\":\"hi\"}|-|404|model",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\",\"previous_response_id\":\"resp_missing\"}|-|404|previous_response_id",
        "/v1/responses|{\"model\":\"openai\",\"input\":\"hi\"}|text/plain|415|",
        "/v1/completions|{\"model\":\"openai\"}|-|400|prompt",
        "/v1/completions|{\"model\":\"openai\",\"prompt\":\"hi\",\"echo\":true}|-|400|echo",
        "/v1/completions|{\"model\":\"openai\",\"prompt\":[1,2,3]}|-|400|prompt",
        "/v1/completions|{\"model\":\"nope\",\"prompt\":\"hi\"}|-|404|model",
      })
  void openai_style_endpoints_answer_bad_input_with_openai_errors(
      String path, String body, String contentType, int status, String param) throws Exception {
    HttpResponse<String> r =
        "-".equals(contentType)
            ? http.postJson(path, body)
            : http.postBytes(path, body.getBytes(), "content-type", contentType);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    if (param != null) {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
    assertHealthy();
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/messages|{not json|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"openai\",\"max_tokens\":10}|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"openai\",\"max_tokens\":10,\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"openai\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\"}]}]}|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"openai\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"w\"}]}|-|400|invalid_request_error",
        "/v1/messages|{\"model\":\"nope\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|-|404|not_found_error",
        "/v1/messages|{\"model\":\"openai\"}|text/plain|415|invalid_request_error",
        "/v1/messages/count_tokens|{\"model\":\"openai\"}|-|400|invalid_request_error",
        "/v1/messages/count_tokens|{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|-|404|not_found_error",
      })
  void the_messages_api_answers_bad_input_with_anthropic_errors(
      String path, String body, String contentType, int status, String type) throws Exception {
    HttpResponse<String> r =
        "-".equals(contentType)
            ? http.postJson(path, body)
            : http.postBytes(path, body.getBytes(), "content-type", contentType);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode root = JSON.readTree(r.body());
    assertThat(root.path("type").asText()).isEqualTo("error");
    assertThat(root.path("error").path("type").asText()).isEqualTo(type);
    assertThat(root.path("error").path("message").asText()).isNotBlank();
    assertHealthy();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /v1/messages, 405",
    "PUT, /v1/responses, 405",
    "PUT, /v1/responses/resp_x, 405",
    "GET, /v1/responses/resp_missing, 404",
    "DELETE, /v1/responses/resp_missing, 404",
    "GET, /v1/completions, 405",
  })
  void wrong_methods_and_unknown_ids_get_their_status(String method, String path, int status)
      throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> r =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode root = JSON.readTree(r.body());
    if (path.startsWith("/v1/messages")) {
      assertThat(root.path("type").asText()).isEqualTo("error");
    } else {
      assertThat(root.path("error").path("message").asText()).isNotBlank();
    }
    assertHealthy();
  }

  private static void assertHealthy() {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
  }
}
