package dev.gantry.gateway.providers;

import static dev.gantry.gateway.providers.OpenAiTranslatorsTest.provider;
import static dev.gantry.gateway.providers.OpenAiTranslatorsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsToOpenAiTranslatorTest {
  static final String BODY =
      "{\"model\":\"public\",\"prompt\":[\"Hi ada@example.com\",\"Bye\"],\"echo\":true,"
          + "\"x_extra\":{\"a\":1}}";

  static ObjectNode body(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  static ChatRequest canonical(String firstPrompt, String system, boolean stream) throws Exception {
    return request(
        "{\"model\":\"public\",\"stream\":"
            + stream
            + ",\"messages\":["
            + (system == null ? "" : "{\"role\":\"system\",\"content\":\"" + system + "\"},")
            + "{\"role\":\"user\",\"content\":\""
            + firstPrompt
            + "\"},{\"role\":\"user\",\"content\":\"Bye\"}]}");
  }

  @Test
  void sends_the_clients_body_with_the_model_replaced_to_the_completions_path() throws Exception {
    UpstreamRequest up =
        new CompletionsToOpenAiTranslator(body(BODY), false)
            .request(
                canonical("Hi ada@example.com", null, false),
                provider(ProviderType.OPENAI, "https://h/v1", null),
                "gpt-3.5-turbo-instruct");
    assertThat(up.uri()).isEqualTo("https://h/v1/completions");
    ObjectNode expected = body(BODY).put("model", "gpt-3.5-turbo-instruct");
    assertThat(Json.MAPPER.readTree(up.body())).isEqualTo(expected);
  }

  @Test
  void writes_the_prompts_of_a_rewritten_request_after_the_added_system_text() throws Exception {
    UpstreamRequest up =
        new CompletionsToOpenAiTranslator(body(BODY), true)
            .request(
                canonical("Hi [EMAIL_1]", "Context", true),
                provider(ProviderType.AZURE, "https://r", "2024-10-21"),
                "dep");
    assertThat(up.uri())
        .isEqualTo("https://r/openai/deployments/dep/completions?api-version=2024-10-21");
    JsonNode sent = Json.MAPPER.readTree(up.body());
    assertThat(sent.path("prompt").get(0).asText()).isEqualTo("Context\n\nHi [EMAIL_1]");
    assertThat(sent.path("prompt").get(1).asText()).isEqualTo("Context\n\nBye");
    assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(sent.path("x_extra").path("a").asInt()).isEqualTo(1);
  }

  @Test
  void keeps_an_output_limit_a_stage_lowered() throws Exception {
    ChatRequest capped =
        request(
            "{\"model\":\"public\",\"max_tokens\":500,\"max_completion_tokens\":40,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    UpstreamRequest up =
        new CompletionsToOpenAiTranslator(
                body("{\"model\":\"public\",\"prompt\":\"Hi\",\"max_tokens\":500}"), true)
            .request(capped, provider(ProviderType.OPENAI, "https://h/v1", null), "m");
    JsonNode sent = Json.MAPPER.readTree(up.body());
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(40);
    assertThat(sent.path("prompt").asText()).isEqualTo("Hi");
  }

  @Test
  void reads_every_choice_and_the_usage_into_the_canonical_completion() throws Exception {
    ObjectNode completion =
        new CompletionsToOpenAiTranslator(body(BODY), false)
            .response(
                ("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":7,\"model\":\"m\","
                        + "\"choices\":[{\"text\":\"a\",\"index\":0,\"finish_reason\":\"stop\"},"
                        + "{\"text\":\"b\",\"index\":1,\"finish_reason\":\"length\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
                        + "\"total_tokens\":5}}")
                    .getBytes(),
                canonical("x", null, false));
    assertThat(completion.path("choices").get(1).path("message").path("content").asText())
        .isEqualTo("b");
    assertThat(completion.path("choices").get(1).path("finish_reason").asText())
        .isEqualTo("length");
    assertThat(completion.path("usage").path("total_tokens").asInt()).isEqualTo(5);
    assertThatThrownBy(
            () ->
                new CompletionsToOpenAiTranslator(body(BODY), false)
                    .response("{\"object\":\"list\"}".getBytes(), canonical("x", null, false)))
        .isInstanceOf(UpstreamFailure.class);
  }

  @Test
  void a_stream_keeps_usage_for_metering_and_hides_it_unless_asked() throws Exception {
    StreamTranslator stream =
        new CompletionsToOpenAiTranslator(body(BODY), false).stream(canonical("x", null, true));
    List<ObjectNode> out = new ArrayList<>();
    stream.onEvent(
        null,
        "{\"id\":\"c\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"text\":\"Hel\",\"index\":1,\"finish_reason\":null}]}",
        out::add);
    stream.onEvent(
        null,
        "{\"id\":\"c\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,"
            + "\"total_tokens\":3}}",
        out::add);
    stream.onEvent(null, "[DONE]", out::add);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).path("choices").get(0).path("delta").path("content").asText())
        .isEqualTo("Hel");
    assertThat(out.get(0).path("choices").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(stream.usage().completionTokens()).isEqualTo(2);
    assertThat(stream.finished()).isTrue();
    assertThatThrownBy(() -> stream.onEvent(null, "{\"error\":{\"message\":\"boom\"}}", out::add))
        .isInstanceOf(UpstreamFailure.class);
  }
}
