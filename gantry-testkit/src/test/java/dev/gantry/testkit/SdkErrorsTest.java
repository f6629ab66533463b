package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream failures reach the official SDK as its typed exceptions, mid-stream ones included. */
class SdkErrorsTest {
  static Simulator sim;
  static Gateway gateway;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway =
        GantryTestKit.gateway(
            "server: {port: 0}\nproviders:\n  sim: {type: openai_compatible, base_url: '${SIM_URL}/v1'}\n"
                + "routes:\n  m: {deployments: [{provider: sim, model: m}], retry: {max_attempts: 2, base_delay: 1ms, max_delay: 5ms}}\n",
            sim);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(gateway.baseUrl() + "/v1")
            .apiKey("k")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.scenario(Scenario.instant());
  }

  static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder().model("m").addUserMessage("hello").build();
  }

  @Test
  void persistent_429_is_a_rate_limit_exception() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 429, rate: 1}\n"));
    assertThatThrownBy(() -> client.chat().completions().create(params()))
        .isInstanceOf(RateLimitException.class);
  }

  @Test
  void persistent_503_is_an_internal_server_exception() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 503, rate: 1}\n"));
    assertThatThrownBy(() -> client.chat().completions().create(params()))
        .isInstanceOfAny(InternalServerException.class, UnexpectedStatusCodeException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("503"));
  }

  @Test
  void a_stream_broken_mid_way_raises_in_the_sdk() {
    sim.scenario(
        Scenario.parse(
            "default_reply: one two three four five six seven eight\n"
                + "faults:\n  - {type: reset, after_chunks: 3, rate: 1}\n"));
    StringBuilder seen = new StringBuilder();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client.chat().completions().createStreaming(params())) {
                stream.stream()
                    .forEach(
                        c ->
                            c.choices()
                                .forEach(ch -> ch.delta().content().ifPresent(seen::append)));
              }
            })
        .isInstanceOf(OpenAIException.class);
    assertThat(seen.toString()).isNotEmpty();
  }
}
