package dev.gantry.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.config.Secret;
import dev.gantry.core.config.Timeouts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiToAnthropicRequestTest {
  private static final String KEY = "sk-ant-secret-123";
  private final OpenAiToAnthropicTranslator translator = new OpenAiToAnthropicTranslator();

  static ChatRequest chat(String json) {
    try {
      return ChatRequestValidator.validate((ObjectNode) Json.MAPPER.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ProviderConfig provider(String apiVersion, Map<String, String> headers) {
    return new ProviderConfig(
        "anthropic",
        ProviderType.ANTHROPIC,
        URI.create("https://api.anthropic.com"),
        Secret.of(KEY),
        apiVersion,
        headers,
        false,
        4,
        Timeouts.DEFAULTS);
  }

  private JsonNode translate(String json) {
    UpstreamRequest request =
        translator.request(chat(json), provider(null, Map.of()), "claude-sonnet-4-20250514");
    return Json.tryParse(request.body());
  }

  private static ApiError rejection(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.error();
    }
    throw new AssertionError("expected an ApiException");
  }

  private ApiError rejectionOf(String json) {
    ChatRequest chat = chat(json);
    return rejection(() -> translator.request(chat, provider(null, Map.of()), "claude"));
  }

  @Test
  void posts_to_v1_messages_with_key_version_and_content_type() {
    UpstreamRequest request =
        translator.request(
            chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            provider(null, Map.of("anthropic-beta", "prompt-caching-2024-07-31")),
            "claude");

    assertThat(request.uri()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(request.headers())
        .containsEntry("x-api-key", KEY)
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("content-type", "application/json")
        .containsEntry("anthropic-beta", "prompt-caching-2024-07-31");
  }

  @Test
  void configured_api_version_replaces_the_default() {
    UpstreamRequest request =
        translator.request(
            chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            provider("2024-10-22", Map.of()),
            "claude");

    assertThat(request.headers()).containsEntry("anthropic-version", "2024-10-22");
  }

  @Test
  void api_key_appears_only_in_the_x_api_key_header() {
    UpstreamRequest request =
        translator.request(
            chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            provider(null, Map.of()),
            "claude");

    assertThat(request.headers().entrySet())
        .filteredOn(e -> e.getValue().contains(KEY))
        .extracting(Map.Entry::getKey)
        .containsExactly("x-api-key");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
    assertThat(request.uri()).doesNotContain(KEY);
    assertThat(request.toString()).doesNotContain(KEY);
  }

  @Test
  void provider_without_key_sends_no_x_api_key() {
    ProviderConfig keyless =
        new ProviderConfig(
            "local",
            ProviderType.ANTHROPIC,
            URI.create("http://localhost:8080"),
            null,
            null,
            Map.of(),
            false,
            1,
            Timeouts.DEFAULTS);
    UpstreamRequest request =
        translator.request(
            chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            keyless,
            "claude");

    assertThat(request.headers()).doesNotContainKey("x-api-key");
    assertThat(request.uri()).isEqualTo("http://localhost:8080/v1/messages");
  }

  @Test
  void upstream_model_replaces_public_model_and_max_tokens_defaults_to_4096() {
    JsonNode body =
        translate("{\"model\":\"public\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
    assertThat(body.get("messages"))
        .isEqualTo(Json.tryParse("[{\"role\":\"user\",\"content\":\"hi\"}]".getBytes()));
  }

  @Test
  void max_completion_tokens_wins_over_max_tokens() {
    assertThat(
            translate(
                    """
                    {"model":"m","max_tokens":100,"max_completion_tokens":200,
                     "messages":[{"role":"user","content":"hi"}]}""")
                .get("max_tokens")
                .asInt())
        .isEqualTo(200);
    assertThat(
            translate(
                    """
                    {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""")
                .get("max_tokens")
                .asInt())
        .isEqualTo(100);
  }

  @Test
  void system_and_developer_messages_anywhere_become_top_level_system() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[
              {"role":"system","content":"You are terse."},
              {"role":"user","content":"hi"},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."},
                                             {"type":"text","text":"No emojis."}]},
              {"role":"assistant","content":"Salut"},
              {"role":"user","content":"again"}]}""");

    assertThat(body.get("system").asText())
        .isEqualTo("You are terse.\n\nAnswer in French.\nNo emojis.");
    assertThat(body.get("messages"))
        .isEqualTo(
            Json.tryParse(
                """
                [{"role":"user","content":"hi"},
                 {"role":"assistant","content":"Salut"},
                 {"role":"user","content":"again"}]"""
                    .getBytes()));
  }

  @Test
  void system_message_with_an_image_part_is_rejected_naming_the_part() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[
              {"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/a.png"}}]},
              {"role":"user","content":"hi"}]}""");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("messages[0].content[0].type");
  }

  @Test
  void consecutive_user_messages_merge_into_one_turn() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[
              {"role":"user","content":"first"},
              {"role":"user","content":[{"type":"text","text":"second"}]},
              {"role":"assistant","content":"ok"},
              {"role":"assistant","content":"more"}]}""");

    assertThat(body.get("messages"))
        .isEqualTo(
            Json.tryParse(
                """
                [{"role":"user","content":[{"type":"text","text":"first"},
                                           {"type":"text","text":"second"}]},
                 {"role":"assistant","content":[{"type":"text","text":"ok"},
                                                {"type":"text","text":"more"}]}]"""
                    .getBytes()));
  }

  @Test
  void tool_calls_become_tool_use_and_following_tool_results_merge_into_one_user_turn() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                {"id":"call_2","type":"function",
                 "function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"09:00"}]},
              {"role":"user","content":"Thanks, summarise."}]}""");

    assertThat(body.get("messages"))
        .isEqualTo(
            Json.tryParse(
                """
                [{"role":"user","content":"Weather and time in Paris?"},
                 {"role":"assistant","content":[
                   {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
                   {"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
                   {"type":"tool_result","tool_use_id":"call_2",
                    "content":[{"type":"text","text":"09:00"}]},
                   {"type":"text","text":"Thanks, summarise."}]}]"""
                    .getBytes()));
  }

  @Test
  void assistant_text_precedes_its_tool_use_blocks() {
    JsonNode assistant =
        translate(
                """
                {"model":"m","messages":[
                  {"role":"user","content":"hi"},
                  {"role":"assistant","content":"Let me look.","tool_calls":[
                    {"id":"t1","type":"function","function":{"name":"f","arguments":"{}"}}]}]}""")
            .get("messages")
            .get(1);

    assertThat(assistant.get("content").get(0).get("text").asText()).isEqualTo("Let me look.");
    assertThat(assistant.get("content").get(1).get("type").asText()).isEqualTo("tool_use");
  }

  @Test
  void invalid_tool_call_arguments_are_rejected_naming_the_path() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[
              {"role":"user","content":"hi"},
              {"role":"assistant","tool_calls":[
                {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
                {"id":"b","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}""");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("messages[1].tool_calls[1].function.arguments");
  }

  @Test
  void images_become_base64_or_url_sources() {
    JsonNode content =
        translate(
                """
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}
                ]}]}""")
            .get("messages")
            .get(0)
            .get("content");

    assertThat(content)
        .isEqualTo(
            Json.tryParse(
                """
                [{"type":"text","text":"Compare"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png",
                                           "data":"iVBORw0KGgo="}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]"""
                    .getBytes()));
  }

  @Test
  void data_url_without_base64_is_rejected() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:text/plain,hello"}}]}]}""");

    assertThat(error.param()).isEqualTo("messages[0].content[0].image_url.url");
  }

  @Test
  void audio_part_is_rejected_naming_the_part() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"listen"},
              {"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("messages[0].content[1].type");
    assertThat(error.message()).contains("input_audio");
  }

  @Test
  void function_tools_become_anthropic_tools_with_default_schema() {
    JsonNode tools =
        translate(
                """
                {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[
                  {"type":"function","function":{"name":"get_weather","description":"Weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},
                                 "required":["city"]},"strict":true}},
                  {"type":"function","function":{"name":"now"}}]}""")
            .get("tools");

    assertThat(tools)
        .isEqualTo(
            Json.tryParse(
                """
                [{"name":"get_weather","description":"Weather",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},
                                  "required":["city"]}},
                 {"name":"now","input_schema":{"type":"object","properties":{}}}]"""
                    .getBytes()));
  }

  private JsonNode toolChoice(String choiceAndFlags) {
    return translate(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]"
                + choiceAndFlags
                + "}")
        .get("tool_choice");
  }

  @Test
  void tool_choice_strings_map_to_anthropic_types() {
    assertThat(toolChoice(",\"tool_choice\":\"auto\"").toString()).isEqualTo("{\"type\":\"auto\"}");
    assertThat(toolChoice(",\"tool_choice\":\"required\"").toString())
        .isEqualTo("{\"type\":\"any\"}");
    assertThat(toolChoice(",\"tool_choice\":\"none\"").toString()).isEqualTo("{\"type\":\"none\"}");
    assertThat(toolChoice("")).isNull();
  }

  @Test
  void named_function_tool_choice_becomes_type_tool() {
    assertThat(toolChoice(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"))
        .isEqualTo(Json.tryParse("{\"type\":\"tool\",\"name\":\"f\"}".getBytes()));
  }

  @Test
  void parallel_tool_calls_false_disables_parallel_use_with_auto_by_default() {
    assertThat(toolChoice(",\"parallel_tool_calls\":false"))
        .isEqualTo(
            Json.tryParse("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}".getBytes()));
    assertThat(toolChoice(",\"tool_choice\":\"required\",\"parallel_tool_calls\":false"))
        .isEqualTo(
            Json.tryParse("{\"type\":\"any\",\"disable_parallel_tool_use\":true}".getBytes()));
    assertThat(toolChoice(",\"parallel_tool_calls\":true")).isNull();
  }

  @Test
  void unsupported_tool_choice_object_is_rejected() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"f"}}],
             "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}}""");

    assertThat(error.param()).isEqualTo("tool_choice");
  }

  @Test
  void sampling_parameters_map_and_temperature_is_clamped_to_one() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "temperature":1.7,"top_p":0.9,"stop":"END","stream":true,"user":"user-42"}""");

    assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("stop_sequences").toString()).isEqualTo("[\"END\"]");
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("metadata").toString()).isEqualTo("{\"user_id\":\"user-42\"}");
    assertThat(body.has("stop")).isFalse();
    assertThat(body.has("user")).isFalse();
  }

  @Test
  void temperature_within_anthropic_range_is_kept_and_stop_list_is_copied() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "temperature":0.3,"stop":["\\n\\nHuman:","###"]}""");

    assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.get("stop_sequences").toString()).isEqualTo("[\"\\n\\nHuman:\",\"###\"]");
  }

  @Test
  void json_object_mode_appends_instruction_to_system() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"system","content":"Be helpful."},
                                     {"role":"user","content":"hi"}],
             "response_format":{"type":"json_object"}}""");

    assertThat(body.get("system").asText())
        .isEqualTo("Be helpful.\n\nRespond with a single valid JSON object and nothing else.");
    assertThat(body.has("response_format")).isFalse();
  }

  @Test
  void json_schema_mode_puts_schema_name_and_text_in_system() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"person",
               "schema":{"type":"object","properties":{"name":{"type":"string"}}}}}}""");

    assertThat(body.get("system").asText())
        .startsWith("Respond with a single valid JSON object and nothing else.")
        .contains("\"person\"")
        .endsWith("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");
  }

  @Test
  void text_response_format_changes_nothing() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "response_format":{"type":"text"}}""");

    assertThat(body.has("system")).isFalse();
  }

  @Test
  void n_above_one_is_rejected_as_unsupported() {
    ApiError error =
        rejectionOf(
            "{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("n");
    assertThat(error.code()).isEqualTo("unsupported_value");
    assertThat(error.message()).contains("n=1");
  }

  @Test
  void n_of_one_is_accepted_and_not_sent() {
    assertThat(
            translate(
                    "{\"model\":\"m\",\"n\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .has("n"))
        .isFalse();
  }

  @Test
  void openai_only_fields_are_dropped_and_unknown_fields_forwarded() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "seed":7,"logprobs":true,"top_logprobs":3,"presence_penalty":0.5,
             "frequency_penalty":0.5,"logit_bias":{"50256":-100},"store":true,
             "service_tier":"auto","metadata":{"team":"a"},"stream":true,
             "stream_options":{"include_usage":true},"prediction":{"type":"content","content":"x"},
             "modalities":["text"],"audio":{"voice":"alloy","format":"mp3"},
             "reasoning_effort":"low",
             "top_k":40,"thinking":{"type":"enabled","budget_tokens":2048}}""");

    assertThat(body.has("top_k")).isTrue();
    assertThat(body.get("thinking"))
        .isEqualTo(Json.tryParse("{\"type\":\"enabled\",\"budget_tokens\":2048}".getBytes()));
    for (String dropped :
        new String[] {
          "seed",
          "logprobs",
          "top_logprobs",
          "presence_penalty",
          "frequency_penalty",
          "logit_bias",
          "store",
          "service_tier",
          "metadata",
          "stream_options",
          "prediction",
          "modalities",
          "audio",
          "reasoning_effort"
        }) {
      assertThat(body.has(dropped)).as(dropped).isFalse();
    }
  }

  @Test
  void legacy_functions_are_rejected() {
    ApiError error =
        rejectionOf(
            """
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "functions":[{"name":"f","parameters":{}}]}""");

    assertThat(error.param()).isEqualTo("functions");
    assertThat(error.code()).isEqualTo("unsupported_value");
  }

  @Test
  void original_request_is_not_mutated() {
    ChatRequest original =
        chat(
            """
            {"model":"m","temperature":1.5,"n":1,"max_tokens":50,"stop":"x","user":"u",
             "response_format":{"type":"json_object"},"parallel_tool_calls":false,
             "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required",
             "messages":[{"role":"system","content":"s"},{"role":"user","content":"a"},
               {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},
               {"role":"assistant","tool_calls":[{"id":"c","type":"function",
                  "function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
               {"role":"tool","tool_call_id":"c","content":"r"}]}""");
    String before = Json.toString(original.json());

    translator.request(original, provider(null, Map.of()), "claude");
    translator.request(original, provider(null, Map.of()), "claude");

    assertThat(Json.toString(original.json())).isEqualTo(before);
  }

  @Test
  void each_attempt_builds_an_identical_body() {
    ChatRequest original =
        chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    byte[] first = translator.request(original, provider(null, Map.of()), "claude").body();
    byte[] second = translator.request(original, provider(null, Map.of()), "claude").body();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void empty_assistant_message_is_skipped_and_its_neighbours_merge() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[
              {"role":"user","content":"a"},
              {"role":"assistant","content":""},
              {"role":"user","content":"b"}]}""");

    assertThat(body.get("messages")).hasSize(1);
    assertThat(body.get("messages").get(0).get("content")).hasSize(2);
  }

  @Test
  void native_system_field_is_forwarded_only_when_no_system_message_exists() {
    JsonNode forwarded =
        translate(
            """
            {"model":"m","system":[{"type":"text","text":"cached",
                                    "cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"hi"}]}""");
    JsonNode replaced =
        translate(
            """
            {"model":"m","system":"native",
             "messages":[{"role":"system","content":"openai"},{"role":"user","content":"hi"}]}""");

    assertThat(forwarded.get("system").get(0).get("text").asText()).isEqualTo("cached");
    assertThat(replaced.get("system").asText()).isEqualTo("openai");
  }

  @Test
  void safety_identifier_becomes_user_id_when_user_is_absent() {
    JsonNode body =
        translate(
            """
            {"model":"m","safety_identifier":"hash-1",
             "messages":[{"role":"user","content":"hi"}]}""");

    assertThat(body.get("metadata").toString()).isEqualTo("{\"user_id\":\"hash-1\"}");
    assertThat(body.has("safety_identifier")).isFalse();
  }

  @Test
  void cache_control_on_system_parts_tools_and_messages_reaches_anthropic() {
    JsonNode body =
        translate(
            """
            {"model":"m",
             "messages":[
               {"role":"system","content":[
                 {"type":"text","text":"long reference manual",
                  "cache_control":{"type":"ephemeral","ttl":"1h"}},
                 {"type":"text","text":"today's note"}]},
               {"role":"user","content":"earlier question","cache_control":{"type":"ephemeral"}},
               {"role":"assistant","content":[{"type":"text","text":"earlier answer",
                                               "cache_control":{"type":"ephemeral"}}]},
               {"role":"user","content":"new question"}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}},
                       "cache_control":{"type":"ephemeral"}}]}""");

    assertThat(body.get("system").toString())
        .isEqualTo(
            "[{\"type\":\"text\",\"text\":\"long reference manual\","
                + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
                + "{\"type\":\"text\",\"text\":\"today's note\"}]");
    assertThat(body.get("messages").get(0).get("content").get(0).get("cache_control"))
        .as("a message-level mark lands on the message's last block")
        .isNotNull();
    assertThat(body.get("messages").get(1).get("content").get(0).get("cache_control")).isNotNull();
    assertThat(body.get("messages").get(2).get("content").asText()).isEqualTo("new question");
    assertThat(body.get("tools").get(0).get("cache_control").toString())
        .isEqualTo("{\"type\":\"ephemeral\"}");
  }

  @Test
  void a_system_prompt_without_cache_marks_stays_one_string() {
    JsonNode body =
        translate(
            """
            {"model":"m","messages":[
               {"role":"system","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
               {"role":"user","content":"hi"}]}""");
    assertThat(body.get("system").asText()).isEqualTo("a\nb");
  }
}
