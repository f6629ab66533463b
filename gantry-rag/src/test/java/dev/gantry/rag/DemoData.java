package dev.gantry.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo knowledge base and question sets in {@code examples/rag}, read relative to the module.
 */
final class DemoData {
  static final Path DIR = Path.of("..", "examples", "rag");
  static final Path KB = DIR.resolve("kb");

  /** A question whose answer is in {@code doc}. */
  record Qa(String id, String question, String answer, String doc) {}

  /** A question the knowledge base cannot answer. */
  record Unanswerable(String question, String kind, String split) {}

  private DemoData() {}

  static List<Qa> questions() throws IOException {
    List<Qa> out = new ArrayList<>();
    for (JsonNode n : lines(DIR.resolve("qa.jsonl"))) {
      out.add(
          new Qa(
              n.get("id").asText(),
              n.get("question").asText(),
              n.get("answer").asText(),
              n.get("doc").asText()));
    }
    return out;
  }

  static List<Unanswerable> unanswerable(String split) throws IOException {
    List<Unanswerable> out = new ArrayList<>();
    for (JsonNode n : lines(DIR.resolve("unanswerable.jsonl"))) {
      if (n.get("split").asText().equals(split)) {
        out.add(new Unanswerable(n.get("question").asText(), n.get("kind").asText(), split));
      }
    }
    return out;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(Json.MAPPER.readTree(line));
      }
    }
    return out;
  }
}
