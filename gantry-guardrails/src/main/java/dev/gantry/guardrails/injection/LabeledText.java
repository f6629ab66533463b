package dev.gantry.guardrails.injection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One labelled example of injection training or evaluation data.
 *
 * @param text the text as a model would receive it
 * @param injection true for a prompt injection or jailbreak, false for benign text
 * @param kind finer class used for stratified splits and per-kind figures, e.g. {@code direct},
 *     {@code indirect}, {@code jailbreak}, {@code benign}, {@code benign-hard}; never null (a row
 *     without one gets its label as kind)
 * @param source where the row comes from ({@code owner/repo:path}; an attacked copy of a document
 *     is {@code <document source>+<attack source>}), empty when the data does not say
 */
public record LabeledText(String text, boolean injection, String kind, String source) {
  public LabeledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
  }

  public LabeledText(String text, boolean injection, String kind) {
    this(text, injection, kind, "");
  }

  /** The source of the document itself: {@link #source} up to a {@code +}. */
  public String documentSource() {
    int plus = source.indexOf('+');
    return plus < 0 ? source : source.substring(0, plus);
  }

  /**
   * Reads JSON Lines with one object per line: {@code {"text", "label": "injection"|"benign",
   * "kind"}} (other fields are ignored, blank lines skipped).
   *
   * @throws IllegalArgumentException naming the line that is not such an object
   */
  public static List<LabeledText> readJsonl(Path file) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + number + ": not JSON: " + e.getMessage());
        }
        JsonNode text = n.get("text");
        String label = n.path("label").asText("");
        if (text == null || !text.isTextual()) {
          throw new IllegalArgumentException(file + ":" + number + ": \"text\" must be a string");
        }
        if (!label.equals("injection") && !label.equals("benign")) {
          throw new IllegalArgumentException(
              file
                  + ":"
                  + number
                  + ": \"label\" must be \"injection\" or \"benign\", was \""
                  + label
                  + "\"");
        }
        String kind = n.path("kind").asText(label);
        out.add(
            new LabeledText(
                text.asText(), label.equals("injection"), kind, n.path("source").asText("")));
      }
    }
    return out;
  }
}
