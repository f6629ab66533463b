package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureTest {
  private static Simulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim =
        Simulator.start(
            SimulatorOptions.defaults()
                .withScenario(
                    Scenario.parse(
                        """
                        auth: {openai_key: az-key}
                        faults: [{type: status, status: 503, first: 1, models: [flaky]}]
                        """)));
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void serves_chat_on_the_deployment_path_with_the_deployment_as_model() {
    HttpResponse<String> response =
        client.post(
            "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "api-key",
            "az-key");

    assertThat(response.statusCode()).isEqualTo(200);
    ObjectNode body = SimClient.json(response);
    assertThat(body.get("model").asText()).isEqualTo("my-gpt");
    assertThat(body.get("choices").get(0).get("message").get("content").asText())
        .isEqualTo("This is a simulated reply.");
  }

  @Test
  void requires_the_api_version_query_parameter() {
    HttpResponse<String> response =
        client.post(
            "/openai/deployments/my-gpt/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "api-key",
            "az-key");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(response).get("error").get("param").asText())
        .isEqualTo("api-version");
  }

  @Test
  void serves_embeddings_on_the_deployment_path() {
    HttpResponse<String> response =
        client.post(
            "/openai/deployments/emb/embeddings?api-version=2024-10-21",
            "{\"input\":\"hello\",\"dimensions\":8}",
            "api-key",
            "az-key");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SimClient.json(response).get("data").get(0).get("embedding")).hasSize(8);
  }

  @Test
  void applies_model_filtered_faults_to_the_deployment() {
    String path = "/openai/deployments/flaky/chat/completions?api-version=1";
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    assertThat(client.post(path, body, "api-key", "az-key").statusCode()).isEqualTo(503);
    assertThat(client.post(path, body, "api-key", "az-key").statusCode()).isEqualTo(200);
  }

  @Test
  void answers_unknown_deployment_operations_with_404() {
    assertThat(
            client
                .post("/openai/deployments/x/audio/speech?api-version=1", "{}", "api-key", "az-key")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void serves_the_v1_responses_path_with_the_deployment_as_model_and_the_api_key() {
    String body = "{\"model\":\"my-gpt\",\"input\":\"hi\"}";
    assertThat(client.post("/openai/v1/responses", body).statusCode()).isEqualTo(401);
    HttpResponse<String> response = client.post("/openai/v1/responses", body, "api-key", "az-key");
    assertThat(response.statusCode()).isEqualTo(200);
    ObjectNode answer = SimClient.json(response);
    assertThat(answer.get("object").asText()).isEqualTo("response");
    assertThat(answer.get("model").asText()).isEqualTo("my-gpt");
  }
}
