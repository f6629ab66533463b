package dev.gantry.guardrails.grounding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The grounding measurement data: the demo question set ({@code examples/rag/qa.jsonl}, its
 * knowledge base, short answers) and the same answers rewritten as full sentences ({@code
 * data/grounding/qa-sentences.jsonl}). Each question gives two items: its right answer (grounded)
 * and its hallucinated one.
 */
final class GroundingData {
  private GroundingData() {}

  /** Which set an item comes from. */
  enum Variant {
    SHORT,
    SENTENCES
  }

  /**
   * @param id the question's id
   * @param form how the sentence was built (for the sentence variant; "short" otherwise)
   * @param hallucinated the label: true for the hallucinated answer
   */
  record Item(
      String id,
      Variant variant,
      String form,
      String question,
      String answer,
      String source,
      boolean hallucinated) {}

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/rag/kb"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find examples/rag/kb above the working directory");
    }
    return p;
  }

  static List<Item> load(Variant variant) {
    Path root = root();
    Path file =
        variant == Variant.SHORT
            ? root.resolve("examples/rag/qa.jsonl")
            : root.resolve("data/grounding/qa-sentences.jsonl");
    List<Item> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode r = Json.MAPPER.readTree(line);
        String source = document(root.resolve("examples/rag/kb").resolve(r.get("doc").asText()));
        String form = variant == Variant.SHORT ? "short" : r.get("form").asText();
        String id = r.get("id").asText();
        String q = r.get("question").asText();
        out.add(new Item(id, variant, form, q, r.get("answer").asText(), source, false));
        out.add(new Item(id, variant, form, q, r.get("hallucinated").asText(), source, true));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A knowledge-base document without its "# Document NNNN" heading. */
  static String document(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.replaceFirst("^# Document \\d+\\s*", "").strip();
  }

  /** The fold (0..k-1) of a question, from a hash of its id, stable across runs and machines. */
  static int fold(String id, int k) {
    int h = 0;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + (b & 0xff);
    }
    return Math.floorMod(h ^ (h >>> 16), k);
  }
}
