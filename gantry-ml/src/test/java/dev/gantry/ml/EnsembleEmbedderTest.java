package dev.gantry.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.core.config.RouteCache;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleEmbedderTest {
  @Test
  void its_cosine_is_the_mean_of_the_parts_cosines_and_its_vectors_have_unit_length() {
    Embedder mini = new MiniLmEmbedder(10);
    Embedder e5 = new E5SmallEmbedder(10);
    Embedder both = new EnsembleEmbedder(List.of(mini, e5));
    assertThat(both.dimensions()).isEqualTo(768);
    String a = "How do I cancel my subscription?";
    String b = "How can I stop my plan from renewing?";
    double expected =
        (Vectors.cosine(mini.embed(a), mini.embed(b)) + Vectors.cosine(e5.embed(a), e5.embed(b)))
            / 2;
    float[] va = both.embed(a);
    assertThat(Vectors.cosine(va, both.embed(b))).isCloseTo(expected, within(1e-5));
    double norm = 0;
    for (float x : va) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, within(1e-4));
    List<float[]> all = both.embedAll(List.of(a, b));
    assertThat(Vectors.cosine(all.get(0), va)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void the_cache_encoders_open_by_name() {
    assertThat(CacheEncoders.open(RouteCache.MINILM, 1).dimensions()).isEqualTo(384);
    assertThat(CacheEncoders.open(RouteCache.DEFAULT_ENCODER, 1).dimensions()).isEqualTo(768);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CacheEncoders.open("bert", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e5-small-v2");
  }
}
