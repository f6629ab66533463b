package dev.gantry.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.RouteCache;
import dev.gantry.ml.MiniLmEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short FAQ questions that differ in their key word must not serve each other's answers with the
 * shipped defaults (the encoder that scored them 0.94-0.96, e5-small-v2, would have served half of
 * them); their rewordings may still be hits.
 */
class ShortQuestionsTest {
  static final List<String[]> DIFFERENT =
      List.of(
          new String[] {"How do I reset my account password?", "How do I delete my account?"},
          new String[] {"How do I cancel my subscription?", "How do I renew my subscription?"},
          new String[] {"How do I change my email address?", "How do I change my password?"},
          new String[] {"Can I pay by credit card?", "Can I pay by bank transfer?"},
          new String[] {"How long does shipping take?", "How much does shipping cost?"},
          new String[] {"What is the refund policy?", "What is the return policy?"},
          new String[] {"How do I export my data?", "How do I import my data?"},
          new String[] {"Is my data encrypted?", "Is my data backed up?"});

  @Test
  void the_default_cache_does_not_serve_a_question_about_another_action_or_thing() {
    List<PairJudge.Verdict> v =
        new PairJudge(new MiniLmEmbedder(100), RouteCache.DEFAULTS).judge(DIFFERENT);
    for (int i = 0; i < v.size(); i++) {
      assertThat(v.get(i).hit()).as(String.join(" / ", DIFFERENT.get(i))).isFalse();
    }
    List<PairJudge.Verdict> same =
        new PairJudge(new MiniLmEmbedder(100), RouteCache.DEFAULTS)
            .judge(
                List.<String[]>of(
                    new String[] {
                      "How do I reset my password?", "I forgot my password, how do I reset it?"
                    },
                    new String[] {
                      "Where can I download the invoice?", "Where can I find my invoice?"
                    }));
    assertThat(same).allMatch(PairJudge.Verdict::hit);
  }
}
