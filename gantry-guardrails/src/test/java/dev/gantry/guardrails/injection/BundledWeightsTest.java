package dev.gantry.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

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
  static final Path RESOURCE =
      Path.of("src/main/resources/dev/gantry/guardrails/injection/weights.json");

  @Test
  void retraining_with_the_committed_seed_reproduces_the_bundled_weights(@TempDir Path dir)
      throws Exception {
    boolean regenerate = Boolean.getBoolean("gantry.injection.regenerate");
    Path out = regenerate ? RESOURCE : dir.resolve("weights.json");
    TrainingReport report = new InjectionTrainer(new MiniLmEmbedder(0)).train(TRAIN, out, SEED);
    System.out.println(report.summary());
    if (!regenerate) {
      byte[] bundled;
      try (InputStream in =
          InjectionDetector.class.getResourceAsStream(InjectionDetector.BUNDLED_WEIGHTS)) {
        bundled = in.readAllBytes();
      }
      assertThat(new String(Files.readAllBytes(out), StandardCharsets.UTF_8))
          .as(
              "retrained weights differ from the bundled ones; if data, features or trainer"
                  + " changed on purpose, regenerate (see this class's Javadoc)")
          .isEqualTo(new String(bundled, StandardCharsets.UTF_8));
    }
    assertThat(report.heldBackEvaluation().overall().f1()).isGreaterThan(0.95);
  }
}
