package dev.gantry.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  final List<String> events = new ArrayList<>();
  final SseParser parser = new SseParser((event, data) -> events.add(event + "|" + data));

  void feed(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    parser.feed(b, 0, b.length);
  }

  @Test
  void splits_events_on_blank_lines_whatever_the_fragmentation() {
    String stream = "event: a\ndata: {\"x\":1}\n\n: comment\ndata: two\r\n\r\ndata: [DONE]\n\n";
    for (char c : stream.toCharArray()) {
      feed(String.valueOf(c));
    }
    assertThat(events).containsExactly("a|{\"x\":1}", "null|two", "null|[DONE]");
  }

  @Test
  void joins_multi_line_data_with_newlines() {
    feed("data: first\ndata: second\n\n");
    assertThat(events).containsExactly("null|first\nsecond");
  }

  @Test
  void keeps_multibyte_characters_split_across_chunks() {
    byte[] b = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
    for (byte x : b) {
      parser.feed(new byte[] {x}, 0, 1);
    }
    assertThat(events).containsExactly("null|héllo ✓");
  }

  @Test
  void finish_delivers_an_unterminated_last_event() {
    feed("data: tail");
    parser.finish();
    assertThat(events).containsExactly("null|tail");
  }

  @Test
  void an_event_field_without_data_is_not_delivered() {
    feed("event: ping\n\n");
    assertThat(events).isEmpty();
  }
}
