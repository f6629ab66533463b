package dev.gantry.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled weights are exactly what {@link InjectionTrainer} makes from {@code
 * data/injection/train.jsonl} with {@link #SEED}. To regenerate them after changing the data, the
 * features or the trainer, run {@code mvn -o verify -pl gantry-ml,gantry-guardrails
 * -Dgantry.injection.regenerate=true} from the repository root, then commit the resource.
 */
class BundledWeightsTest {
  /** The seed the bundled weights were trained with. */
  static final long SEED = 20240611L;

  static final Path TRAIN = Path.of("../data/injection/train.jsonl");
  static final Path SUPPLEMENT = Path.of("../data/injection/supplement.jsonl");
  static final Path RESOURCE =
      Path.of("src/main/resources/dev/gantry/guardrails/injection/weights.json");

  @Test
  void retraining_with_the_committed_seed_reproduces_the_bundled_weights(@TempDir Path dir)
      throws Exception {
    boolean regenerate = Boolean.getBoolean("gantry.injection.regenerate");
    Path out = regenerate ? RESOURCE : dir.resolve("weights.json");
    TrainingReport report =
        new InjectionTrainer(new MiniLmEmbedder(0))
            .train(java.util.List.of(TRAIN, SUPPLEMENT), out, SEED);
    System.out.println(report.summary());
    if (!regenerate) {
      byte[] bundled;
      try (InputStream in =
          InjectionDetector.class.getResourceAsStream(InjectionDetector.BUNDLED_WEIGHTS)) {
        bundled = in.readAllBytes();
      }
      String retrained = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
      String expected = new String(bundled, StandardCharsets.UTF_8);
      if (!retrained.equals(expected)) {
        // On this machine class the bytes are identical. ONNX Runtime may round the last bits of
        // an embedding differently on another CPU, so elsewhere the weights must agree closely.
        assertThat(close(Json.MAPPER.readTree(retrained), Json.MAPPER.readTree(expected)))
            .as(
                "retrained weights differ from the bundled ones; if data, features or trainer"
                    + " changed on purpose, regenerate (see this class's Javadoc)")
            .isTrue();
      }
    }
    assertThat(report.heldBackEvaluation().overall().f1()).isGreaterThan(0.95);
  }

  /** Same structure, and numbers within 1e-3 of each other. */
  static boolean close(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return Math.abs(a.asDouble() - b.asDouble()) <= 1e-3;
    }
    if (a.isContainerNode() && b.isContainerNode()) {
      if (a.size() != b.size() || a.isArray() != b.isArray()) {
        return false;
      }
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!close(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      for (java.util.Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!b.has(f) || !close(a.get(f), b.get(f))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
