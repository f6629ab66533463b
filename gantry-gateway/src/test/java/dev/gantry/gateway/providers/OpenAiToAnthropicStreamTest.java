package dev.gantry.gateway.providers;

import static dev.gantry.gateway.providers.OpenAiToAnthropicRequestTest.chat;
import static dev.gantry.gateway.providers.OpenAiToAnthropicResponseTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OpenAiToAnthropicStreamTest {
  private static final long NOW = 1_700_000_000L;
  private final OpenAiToAnthropicTranslator translator =
      new OpenAiToAnthropicTranslator(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  /** One server-sent event as the HTTP layer hands it over. */
  record Sse(String event, String data) {}

  /** Splits an SSE text into events: blank lines end an event, data lines join with \n. */
  static List<Sse> split(String text) {
    List<Sse> events = new ArrayList<>();
    String event = null;
    StringBuilder data = null;
    for (String line : (text + "\n\n").split("\r?\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Sse(event, data.toString()));
        }
        event = null;
        data = null;
      } else if (line.startsWith(":")) {
        continue;
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String value = line.substring(5);
        value = value.startsWith(" ") ? value.substring(1) : value;
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return events;
  }

  private static ChatRequest streaming(boolean includeUsage) {
    return chat(
        "{\"model\":\"public-claude\",\"stream\":true,"
            + (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private List<ObjectNode> replay(String fixture, StreamTranslator stream) {
    List<ObjectNode> chunks = new ArrayList<>();
    for (Sse sse : split(new String(fixture(fixture), StandardCharsets.UTF_8))) {
      stream.onEvent(sse.event(), sse.data(), chunks::add);
    }
    return chunks;
  }

  private static String content(List<ObjectNode> chunks) {
    StringBuilder text = new StringBuilder();
    for (ObjectNode chunk : chunks) {
      for (JsonNode choice : chunk.get("choices")) {
        text.append(choice.get("delta").path("content").asText(""));
      }
    }
    return text.toString();
  }

  private static String finishReason(List<ObjectNode> chunks) {
    String reason = null;
    for (ObjectNode chunk : chunks) {
      for (JsonNode choice : chunk.get("choices")) {
        if (!choice.get("finish_reason").isNull()) {
          assertThat(reason).as("only one chunk carries finish_reason").isNull();
          reason = choice.get("finish_reason").asText();
        }
      }
    }
    return reason;
  }

  /** Reassembles tool calls the way an OpenAI client does: by index, concatenating arguments. */
  private static Map<Integer, String[]> toolCalls(List<ObjectNode> chunks) {
    Map<Integer, String[]> calls = new TreeMap<>();
    for (ObjectNode chunk : chunks) {
      for (JsonNode choice : chunk.get("choices")) {
        for (JsonNode call : choice.get("delta").path("tool_calls")) {
          String[] c = calls.computeIfAbsent(call.get("index").asInt(), i -> new String[3]);
          if (call.has("id")) {
            c[0] = call.get("id").asText();
            c[1] = call.get("function").get("name").asText();
            c[2] = "";
          }
          c[2] += call.get("function").get("arguments").asText();
        }
      }
    }
    return calls;
  }

  @Test
  void text_stream_reassembles_content_and_finishes_with_stop() {
    StreamTranslator stream = translator.stream(streaming(false));
    List<ObjectNode> chunks = replay("text_stream.sse", stream);

    assertThat(content(chunks)).isEqualTo("Hello, world! How can I help?");
    assertThat(finishReason(chunks)).isEqualTo("stop");
    assertThat(stream.finished()).isTrue();
    assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
    assertThat(chunks).allSatisfy(c -> assertThat(c.get("choices")).hasSize(1));
  }

  @Test
  void every_chunk_carries_id_object_created_model_and_first_announces_the_role() {
    List<ObjectNode> chunks = replay("text_stream.sse", translator.stream(streaming(false)));

    // message_start, three text deltas, message_delta; ping, block start/stop emit nothing
    assertThat(chunks).hasSize(5);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(c.get("id").asText()).isEqualTo("chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL");
              assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
              assertThat(c.get("created").asLong()).isEqualTo(NOW);
              assertThat(c.get("model").asText()).isEqualTo("claude-sonnet-4-20250514");
              assertThat(c.get("choices").get(0).get("index").asInt()).isZero();
              assertThat(c.get("choices").get(0).get("logprobs").isNull()).isTrue();
            });
    assertThat(chunks.get(0).get("choices").get(0).get("delta").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    assertThat(chunks.get(4).get("choices").get(0).get("delta").toString()).isEqualTo("{}");
  }

  @Test
  void usage_chunk_is_sent_last_only_when_include_usage_is_set() {
    List<ObjectNode> chunks = replay("text_stream.sse", translator.stream(streaming(true)));

    ObjectNode last = chunks.get(chunks.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":25,\"completion_tokens\":15,\"total_tokens\":40}");
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    assertThat(content(chunks)).isEqualTo("Hello, world! How can I help?");
  }

  @Test
  void tool_use_stream_reassembles_tool_calls_and_finishes_with_tool_calls() {
    StreamTranslator stream = translator.stream(streaming(true));
    List<ObjectNode> chunks = replay("tool_use_stream.sse", stream);

    Map<Integer, String[]> calls = toolCalls(chunks);
    assertThat(calls).containsOnlyKeys(0, 1);
    assertThat(calls.get(0))
        .containsExactly(
            "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
            "get_weather",
            "{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}");
    assertThat(calls.get(1))
        .containsExactly(
            "toolu_01Ab2cD3eF4gH5iJ6kL7mN8o",
            "get_time",
            "{\"timezone\": \"America/Los_Angeles\"}");
    assertThat(content(chunks))
        .as("thinking is not shown")
        .isEqualTo("Okay, let's check the weather for San Francisco, CA:");
    assertThat(finishReason(chunks)).isEqualTo("tool_calls");
    assertThat(chunks.get(chunks.size() - 1).get("usage").toString())
        .isEqualTo(
            "{\"prompt_tokens\":2572,\"completion_tokens\":89,\"total_tokens\":2661,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":2000},"
                + "\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":100}");
    assertThat(stream.finished()).isTrue();
  }

  @Test
  void tool_call_start_chunk_has_id_type_name_and_empty_arguments() {
    List<ObjectNode> chunks = replay("tool_use_stream.sse", translator.stream(streaming(false)));

    JsonNode first =
        chunks.stream()
            .map(c -> c.get("choices").get(0).get("delta"))
            .filter(d -> d.has("tool_calls"))
            .findFirst()
            .orElseThrow();
    assertThat(first.toString())
        .isEqualTo(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"\"}}]}");
  }

  @Test
  void error_event_mid_stream_throws_with_the_mapped_status() {
    StreamTranslator stream = translator.stream(streaming(false));
    List<ObjectNode> chunks = new ArrayList<>();
    List<Sse> events =
        split(new String(fixture("overloaded_mid_stream.sse"), StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> {
              for (Sse sse : events) {
                stream.onEvent(sse.event(), sse.data(), chunks::add);
              }
            })
        .isInstanceOfSatisfying(
            UpstreamFailure.class,
            f -> {
              assertThat(f.error().status()).isEqualTo(503);
              assertThat(f.error().message()).isEqualTo("Overloaded");
              assertThat(f.error().type()).isEqualTo("upstream_error");
            });
    assertThat(content(chunks)).isEqualTo("Once upon");
    assertThat(stream.finished()).isFalse();
  }

  private static int statusOfErrorEvent(String type) {
    StreamTranslator stream = new OpenAiToAnthropicTranslator().stream(streaming(false));
    try {
      stream.onEvent(
          "error",
          "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}",
          c -> {});
    } catch (UpstreamFailure f) {
      return f.error().status();
    }
    throw new AssertionError("no failure for " + type);
  }

  @Test
  void error_event_types_map_through_upstream_errors() {
    assertThat(statusOfErrorEvent("overloaded_error")).isEqualTo(503);
    assertThat(statusOfErrorEvent("rate_limit_error")).isEqualTo(429);
    assertThat(statusOfErrorEvent("api_error")).isEqualTo(502);
    assertThat(statusOfErrorEvent("invalid_request_error")).isEqualTo(400);
    assertThat(statusOfErrorEvent("authentication_error")).isEqualTo(502);
    assertThat(statusOfErrorEvent("timeout_error")).isEqualTo(504);
  }

  @Test
  void events_without_event_field_are_typed_by_their_data() {
    StreamTranslator stream = translator.stream(streaming(false));
    List<ObjectNode> chunks = new ArrayList<>();
    for (Sse sse : split(new String(fixture("text_stream.sse"), StandardCharsets.UTF_8))) {
      stream.onEvent(null, sse.data(), chunks::add);
    }

    assertThat(content(chunks)).isEqualTo("Hello, world! How can I help?");
    assertThat(stream.finished()).isTrue();
  }

  @Test
  void unknown_event_types_are_ignored() {
    StreamTranslator stream = translator.stream(streaming(false));
    List<ObjectNode> chunks = new ArrayList<>();

    stream.onEvent("future_event", "not even json", chunks::add);

    assertThat(chunks).isEmpty();
    assertThat(stream.finished()).isFalse();
  }

  @Test
  void invalid_json_data_is_an_invalid_upstream_response() {
    StreamTranslator stream = translator.stream(streaming(false));

    assertThatThrownBy(() -> stream.onEvent("content_block_delta", "{\"type\":", c -> {}))
        .isInstanceOfSatisfying(
            UpstreamFailure.class,
            f -> {
              assertThat(f.error().status()).isEqualTo(502);
              assertThat(f.error().code()).isEqualTo("upstream_invalid_response");
            });
  }

  @Test
  void max_tokens_stop_reason_finishes_with_length() {
    StreamTranslator stream = translator.stream(streaming(false));
    List<ObjectNode> chunks = new ArrayList<>();
    stream.onEvent(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_9\",\"model\":\"claude\","
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}",
        chunks::add);
    stream.onEvent(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
            + "\"usage\":{\"output_tokens\":16}}",
        chunks::add);

    assertThat(finishReason(chunks)).isEqualTo("length");
    assertThat(stream.finished()).isFalse();
  }
}
