package dev.gantry.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  static MiniLmEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = new MiniLmEmbedder(1000);
  }

  @Test
  void vectors_have_384_unit_length_dimensions() {
    float[] v = embedder.embed("How do I reset my password?");
    assertThat(v).hasSize(384);
    assertThat(Vectors.cosine(v, v)).isCloseTo(1.0, within(1e-5));
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void paraphrases_are_closer_than_unrelated_texts() {
    float[] a = embedder.embed("How do I reset my password?");
    float[] b = embedder.embed("I forgot my password, how can I change it?");
    float[] c = embedder.embed("The weather in Lisbon is sunny today.");
    assertThat(Vectors.cosine(a, b)).isGreaterThan(0.6);
    assertThat(Vectors.cosine(a, c)).isLessThan(0.3);
  }

  @Test
  void batches_match_single_embeddings_and_fill_the_cache() {
    List<String> texts =
        List.of("first sentence here", "a second, different one", "first sentence here");
    List<float[]> batch = embedder.embedAll(texts);
    assertThat(batch).hasSize(3);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(Vectors.cosine(batch.get(i), embedder.embed(texts.get(i))))
          .isCloseTo(1.0, within(1e-4));
    }
    assertThat(embedder.embed("a second, different one"))
        .isSameAs(embedder.embed("a second, different one"));
  }

  @Test
  void a_padded_batch_stays_close_to_single_embeddings_and_long_texts_still_embed() {
    String shortText = "Where is my parcel?";
    String longer = "The invoice for March lists two subscriptions although we cancelled one.";
    java.util.List<float[]> batch = embedder.embedBatch(java.util.List.of(shortText, longer));
    assertThat(Vectors.cosine(batch.get(0), embedder.embed(shortText))).isGreaterThan(0.98);
    assertThat(Vectors.cosine(batch.get(1), embedder.embed(longer))).isGreaterThan(0.98);
    String huge = "word ".repeat(700);
    assertThat(embedder.embed(huge)).hasSize(MiniLmEmbedder.DIMENSIONS);
  }

  @Test
  void cosine_rejects_vectors_of_different_lengths() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Vectors.cosine(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Vectors.cosine(new float[3], new float[] {1, 0, 0})).isZero();
  }
}
