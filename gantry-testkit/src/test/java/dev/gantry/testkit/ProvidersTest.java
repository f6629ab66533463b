package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Azure OpenAI, HTTP/2 upstreams and upstream credentials, against the simulator. */
class ProvidersTest {
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator("auth: {openai_key: right-key}\n");
    String yaml =
        "server: {port: 0}\n"
            + "providers:\n"
            + "  azure: {type: azure, base_url: '${SIM_URL}', api_key: '${AZURE_KEY}', api_version: 2024-10-21}\n"
            + "  h2: {type: openai_compatible, base_url: '${SIM_URL}/v1', api_key: right-key, http2: true}\n"
            + "  wrong: {type: openai_compatible, base_url: '${SIM_URL}/v1', api_key: '${WRONG_KEY}'}\n"
            + "routes:\n"
            + "  azure-chat: {deployments: [{provider: azure, model: my-deployment}]}\n"
            + "  h2-chat: {deployments: [{provider: h2, model: m}]}\n"
            + "  wrong-key: {deployments: [{provider: wrong, model: m}]}\n";
    gateway =
        GantryTestKit.gateway(
            GantryTestKit.config(
                yaml,
                Map.of(
                    "SIM_URL",
                    sim.baseUrl(),
                    "AZURE_KEY",
                    "right-key",
                    "WRONG_KEY",
                    "sk-wrong-secret-123")));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @Test
  void azure_gets_the_deployment_path_version_and_api_key_header() {
    sim.clearReceived();
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("azure-chat", false));
    assertThat(r.statusCode()).isEqualTo(200);
    Simulator.Received received = sim.received().get(0);
    assertThat(received.path()).startsWith("/openai/deployments/my-deployment/chat/completions");
    assertThat(received.headers())
        .containsEntry("api-key", "right-key")
        .doesNotContainKey("authorization");
    HttpResponse<String> stream =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("azure-chat", true));
    assertThat(stream.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void azure_serves_embeddings() {
    HttpResponse<String> r =
        http.postJson("/v1/embeddings", "{\"model\":\"azure-chat\",\"input\":[\"a\",\"b\"]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"embedding\"");
    assertThat(r.headers().firstValue("x-gantry-provider")).hasValue("azure");
  }

  @Test
  void http2_upstream_serves_plain_and_streamed_answers() {
    assertThat(
            http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("h2-chat", false))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("h2-chat", true))
                .body())
        .endsWith("data: [DONE]\n\n");
  }

  @Test
  void rejected_upstream_credentials_are_a_502_that_never_shows_the_key() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      HttpResponse<String> r =
          http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("wrong-key", false));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).contains("upstream_auth_failed").doesNotContain("sk-wrong-secret-123");
      HttpResponse<String> stream =
          http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("wrong-key", true));
      assertThat(stream.body()).doesNotContain("sk-wrong-secret-123");
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("sk-wrong-secret-123"));
    assertThat(gateway.config().toString()).doesNotContain("sk-wrong-secret-123");
  }
}
