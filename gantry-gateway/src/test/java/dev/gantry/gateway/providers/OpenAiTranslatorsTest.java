package dev.gantry.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.config.Secret;
import dev.gantry.core.config.Timeouts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiTranslatorsTest {
  static ChatRequest request(String json) throws Exception {
    return ChatRequestValidator.validate((ObjectNode) Json.MAPPER.readTree(json));
  }

  static ProviderConfig provider(ProviderType type, String url, String version) {
    return new ProviderConfig(
        "p",
        type,
        URI.create(url),
        Secret.of("sk-secret"),
        version,
        Map.of("x-org", "acme"),
        false,
        8,
        Timeouts.DEFAULTS);
  }

  @Test
  void openai_request_replaces_the_model_and_keeps_everything_else() throws Exception {
    ChatRequest original =
        request(
            "{\"model\":\"public\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_extra\":[1,{\"a\":2}]}");
    String before = Json.toString(original.json());
    UpstreamRequest up =
        new OpenAiToOpenAiTranslator()
            .request(
                original,
                provider(ProviderType.OPENAI, "https://api.example/v1", null),
                "gpt-real");
    JsonNode body = Json.MAPPER.readTree(up.body());
    assertThat(up.uri()).isEqualTo("https://api.example/v1/chat/completions");
    assertThat(up.headers())
        .containsEntry("authorization", "Bearer sk-secret")
        .containsEntry("x-org", "acme");
    assertThat(body.path("model").asText()).isEqualTo("gpt-real");
    assertThat(body.path("x_extra").toString()).isEqualTo("[1,{\"a\":2}]");
    assertThat(Json.toString(original.json())).isEqualTo(before);
    assertThat(up.toString()).doesNotContain("sk-secret");
  }

  @Test
  void streams_always_ask_the_upstream_for_usage() throws Exception {
    ChatRequest original =
        request(
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    UpstreamRequest up =
        new OpenAiToOpenAiTranslator()
            .request(original, provider(ProviderType.OPENAI_COMPATIBLE, "http://h/v1", null), "m");
    assertThat(
            Json.MAPPER
                .readTree(up.body())
                .path("stream_options")
                .path("include_usage")
                .asBoolean())
        .isTrue();
  }

  @Test
  void azure_puts_deployment_and_version_in_the_url_and_the_key_in_api_key() throws Exception {
    ChatRequest original =
        request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    UpstreamRequest up =
        new OpenAiToAzureTranslator()
            .request(
                original,
                provider(ProviderType.AZURE, "https://res.openai.azure.com", "2024-10-21"),
                "my dep");
    assertThat(up.uri())
        .isEqualTo(
            "https://res.openai.azure.com/openai/deployments/my+dep/chat/completions?api-version=2024-10-21");
    assertThat(up.headers())
        .containsEntry("api-key", "sk-secret")
        .doesNotContainKey("authorization");
  }

  @Test
  void usage_chunk_reaches_the_client_only_when_asked_but_is_always_metered() {
    String usageChunk =
        "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";
    String textChunk =
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"usage\":null}";
    for (boolean wants : new boolean[] {true, false}) {
      OpenAiStream stream = new OpenAiStream(wants);
      List<ObjectNode> out = new ArrayList<>();
      stream.onEvent(null, textChunk, out::add);
      stream.onEvent(null, usageChunk, out::add);
      stream.onEvent(null, "[DONE]", out::add);
      assertThat(stream.finished()).isTrue();
      assertThat(stream.usage().totalTokens()).isEqualTo(7);
      assertThat(out).hasSize(wants ? 2 : 1);
      assertThat(out.get(0).has("usage")).isEqualTo(wants);
    }
  }

  @Test
  void an_error_event_in_an_openai_stream_is_an_upstream_failure() {
    OpenAiStream stream = new OpenAiStream(false);
    assertThatThrownBy(
            () ->
                stream.onEvent(
                    null, "{\"error\":{\"message\":\"boom\",\"code\":\"server_error\"}}", c -> {}))
        .isInstanceOfSatisfying(
            UpstreamFailure.class, e -> assertThat(e.error().message()).isEqualTo("boom"));
    assertThatThrownBy(() -> stream.onEvent(null, "{not json", c -> {}))
        .isInstanceOf(UpstreamFailure.class);
  }

  @Test
  void upstream_errors_keep_client_statuses_and_hide_credential_problems() {
    byte[] body =
        "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\",\"code\":null}}"
            .getBytes(StandardCharsets.UTF_8);
    ApiError bad = OpenAiToOpenAiTranslator.openAiError(400, body);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.type()).isEqualTo(ApiError.UPSTREAM);
    assertThat(OpenAiToOpenAiTranslator.openAiError(401, body).status()).isEqualTo(502);
    assertThat(OpenAiToOpenAiTranslator.openAiError(401, body).code())
        .isEqualTo("upstream_auth_failed");
    assertThat(OpenAiToOpenAiTranslator.openAiError(503, new byte[0]).status()).isEqualTo(503);
    assertThat(
            OpenAiToOpenAiTranslator.openAiError(500, "<html>".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(502);
  }

  @Test
  void a_non_completion_body_is_an_invalid_response() {
    assertThatThrownBy(
            () ->
                new OpenAiToOpenAiTranslator()
                    .response("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(UpstreamFailure.class);
  }
}
