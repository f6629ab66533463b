package dev.gantry.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.cache.StoredAnswer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerIndexTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static StoredAnswer entry(long seq, float[] embedding) {
    return new StoredAnswer(
        seq,
        "t1",
        "faq",
        "v1",
        null,
        "fp",
        "How do I reset my password?",
        embedding,
        "{\"choices\":[]}",
        0,
        NOW,
        NOW.plusSeconds(3600));
  }

  static float[] unit(int dims) {
    float[] v = new float[dims];
    v[0] = 1;
    return v;
  }

  @Test
  void an_entry_embedded_by_another_encoder_is_no_candidate() {
    AnswerIndex index = new AnswerIndex();
    index.add(entry(1, unit(384)), 100);
    index.add(entry(2, unit(768)), 100);
    List<Candidate<StoredAnswer>> found = index.similar("t1", "faq", "fp", unit(768), NOW);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).value().seq()).isEqualTo(2);
    assertThat(found.get(0).similarity())
        .isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(index.similar("t1", "faq", "fp", unit(384), NOW)).hasSize(1);
  }
}
