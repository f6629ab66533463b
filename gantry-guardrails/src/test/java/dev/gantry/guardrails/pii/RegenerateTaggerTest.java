package dev.gantry.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the shipped tagger ({@code tagger.bin}) from the training data, only when asked. From
 * the repository root:
 *
 * <pre>
 * mvn -B verify -pl gantry-guardrails -am -Dtest=RegenerateTaggerTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.pii.regenerate=true
 * </pre>
 */
class RegenerateTaggerTest {
  static final Path RESOURCE = Path.of("src/main/resources/dev/gantry/guardrails/pii/tagger.bin");

  @Test
  void regenerates_the_shipped_tagger() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("gantry.pii.regenerate"));
    TaggerTrainer.Trained trained = TaggerTrainer.shipped();
    Files.write(RESOURCE, trained.bytes());
    System.out.println(trained.description() + " -> " + RESOURCE);
    assertThat(Files.size(RESOURCE)).isPositive();
  }
}
