package dev.gantry.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class E5SmallEmbedderTest {
  static E5SmallEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = new E5SmallEmbedder(100);
  }

  @Test
  void vectors_have_384_unit_length_dimensions_and_repeat_texts_come_from_the_cache() {
    float[] v = embedder.embed("How do I reset my password?");
    assertThat(v).hasSize(E5SmallEmbedder.DIMENSIONS);
    assertThat(Vectors.cosine(v, v)).isCloseTo(1.0, within(1e-5));
    assertThat(embedder.embed("How do I reset my password?")).isSameAs(v);
    assertThat(embedder.embedAll(java.util.List.of("How do I reset my password?")).get(0))
        .isSameAs(v);
  }

  @Test
  void a_paraphrase_is_closer_than_a_question_about_something_else() {
    float[] a = embedder.embed("How do I reset my password?");
    float[] b = embedder.embed("I forgot my password, how can I change it?");
    float[] c = embedder.embed("How do I delete my account?");
    float[] d = embedder.embed("The weather in Lisbon is sunny today.");
    assertThat(Vectors.cosine(a, b)).isGreaterThan(Vectors.cosine(a, c));
    assertThat(Vectors.cosine(a, c)).isGreaterThan(Vectors.cosine(a, d));
    assertThat(Vectors.cosine(a, b)).isGreaterThan(0.85);
  }
}
