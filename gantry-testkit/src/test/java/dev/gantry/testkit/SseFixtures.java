package dev.gantry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recorded event sequences: a stream's events are parsed, generated ids and timestamps are replaced
 * by stable names in order of first appearance ({@code resp_1}, {@code msg_1}, …, so that one id
 * used in two events stays one name), and each event becomes one line {@code <event> <json>} with
 * keys sorted. Fixtures live under {@code src/test/resources/streams/}; set {@code
 * -Dgantry.record=true} to (re)write them.
 */
final class SseFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID =
      Pattern.compile("\\b(resp|msg|fc|rs|call|toolu|tooluse|chatcmpl|cmpl)[_-][A-Za-z0-9]{8,}");
  private static final java.util.Set<String> TIMES = java.util.Set.of("created_at", "created");

  private SseFixtures() {}

  /** One server-sent event: its {@code event:} name (or null) and data. */
  record Event(String event, String data) {}

  static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      events.add(new Event(event, data.toString()));
    }
    return events;
  }

  /** The events as normalised lines. */
  static List<String> normalise(List<Event> events) {
    Map<String, String> names = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    List<String> lines = new ArrayList<>();
    for (Event e : events) {
      String data = e.data();
      if (!data.startsWith("{")) {
        lines.add((e.event() == null ? "data" : e.event()) + " " + data);
        continue;
      }
      try {
        JsonNode node = JSON.readTree(data);
        scrub(node);
        String text = JSON.writer().writeValueAsString(sorted(node));
        Matcher m = ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          String id = m.group();
          // Tool-call ids are the upstream's own (call_… from OpenAI, toolu_… from Anthropic,
          // tooluse_… from Bedrock).
          String kind = m.group(1).startsWith("toolu") ? "call" : m.group(1);
          String name =
              names.computeIfAbsent(id, k -> kind + "_" + counts.merge(kind, 1, Integer::sum));
          m.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        m.appendTail(out);
        lines.add((e.event() == null ? "data" : e.event()) + " " + out);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return lines;
  }

  private static void scrub(JsonNode node) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      List<String> times = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (TIMES.contains(f.getKey()) && f.getValue().isNumber()) {
          times.add(f.getKey());
        } else {
          scrub(f.getValue());
        }
      }
      times.forEach(t -> o.set(t, TextNode.valueOf("<time>")));
    } else if (node != null && node.isArray()) {
      node.forEach(SseFixtures::scrub);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = JSON.createObjectNode();
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      keys.forEach(k -> out.set(k, sorted(o.get(k))));
      return out;
    }
    if (node != null && node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }

  /**
   * The recorded lines of fixture {@code name} for {@code route}: {@code name-route.txt} when the
   * upstream's wire format makes its stream legitimately differ (Gemini sends a function call whole
   * and its last text together with the finish reason), else the shared {@code name.txt}. When
   * recording, the first route writes the shared file and a differing route its own.
   */
  static List<String> recorded(String name, String route, List<String> actual) {
    Path shared = Path.of("src/test/resources/streams", name + ".txt");
    Path own = Path.of("src/test/resources/streams", name + "-" + route + ".txt");
    try {
      if (Boolean.getBoolean("gantry.record")) {
        Files.createDirectories(shared.getParent());
        String text = String.join("\n", actual) + "\n";
        if (!Files.exists(shared)) {
          Files.writeString(shared, text, StandardCharsets.UTF_8);
        } else if (!Files.readString(shared, StandardCharsets.UTF_8).equals(text)) {
          Files.writeString(own, text, StandardCharsets.UTF_8);
        }
      }
      return Files.readAllLines(Files.exists(own) ? own : shared, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + shared + " is missing; record it", e);
    }
  }
}
