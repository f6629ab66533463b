package dev.gantry.guardrails.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled text of safety training or evaluation data.
 *
 * @param text the text
 * @param unsafe true when the text should be flagged
 * @param categories the categories the text belongs to; empty for a safe text, and for an unsafe
 *     one whose source gives no category (it then counts only in the overall figures)
 * @param source where the row comes from ({@code owner/repo:path}), for per-source figures and
 *     leave-one-source-out
 */
public record SafetyExample(
    String text, boolean unsafe, Set<SafetyCategory> categories, String source) {
  public SafetyExample {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    categories =
        categories.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(categories));
    if (!unsafe && !categories.isEmpty()) {
      throw new IllegalArgumentException("a safe text has no categories: " + categories);
    }
  }

  /**
   * The categories of an unsafe row of an upstream source that labels toxicity only: the
   * hate-speech collections (HateCheck, Hatemoji, the Stormfront set) are {@link
   * SafetyCategory#HATE}; the general toxicity sources (Surge AI's comments, the offensive-language
   * tweets) are {@link SafetyCategory#HARASSMENT}; anything else gets none.
   */
  static Set<SafetyCategory> categoriesOf(String source) {
    String s = source.toLowerCase(java.util.Locale.ROOT);
    if (s.contains("hatecheck") || s.contains("hatemoji") || s.contains("vicomtech")) {
      return EnumSet.of(SafetyCategory.HATE);
    }
    if (s.contains("surge-ai") || s.contains("t-davidson")) {
      return EnumSet.of(SafetyCategory.HARASSMENT);
    }
    return Set.of();
  }

  /** True when {@code source} is one of the toxicity sources {@link #categoriesOf} knows. */
  static boolean categoriesOfKnownSource(String source) {
    return !categoriesOf(source).isEmpty();
  }

  /**
   * Reads JSON Lines: {@code {"text", "label", "categories"?, "source"?}} with label {@code toxic}
   * or {@code ok} (the toxicity data) or {@code injection}/{@code benign} (benign rows of the
   * injection data serve as safe text; injection rows are skipped, being neither safe nor unsafe in
   * this sense). A row without {@code source} gets {@code defaultSource}; an unsafe row without
   * {@code categories} gets {@link #categoriesOf its source's}.
   *
   * @throws IllegalArgumentException naming the line that is not such an object
   */
  public static List<SafetyExample> readJsonl(Path file, String defaultSource) throws IOException {
    List<SafetyExample> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file.getFileName() + ":" + number + ": ";
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(where + "not JSON: " + e.getMessage());
        }
        JsonNode text = n.get("text");
        if (text == null || !text.isTextual()) {
          throw new IllegalArgumentException(where + "\"text\" must be a string");
        }
        String label = n.path("label").asText("");
        if (label.equals("injection")) {
          continue;
        }
        boolean unsafe;
        if (label.equals("toxic")) {
          unsafe = true;
        } else if (label.equals("ok") || label.equals("benign")) {
          unsafe = false;
        } else {
          throw new IllegalArgumentException(
              where + "\"label\" must be toxic, ok or benign, was \"" + label + "\"");
        }
        String source = n.path("source").asText(defaultSource);
        Set<SafetyCategory> categories = EnumSet.noneOf(SafetyCategory.class);
        if (n.has("categories")) {
          for (JsonNode c : n.get("categories")) {
            try {
              categories.add(SafetyCategory.of(c.asText()));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(where + e.getMessage());
            }
          }
        } else if (unsafe) {
          categories.addAll(categoriesOf(source));
        }
        out.add(new SafetyExample(text.asText(), unsafe, categories, source));
      }
    }
    return out;
  }
}
