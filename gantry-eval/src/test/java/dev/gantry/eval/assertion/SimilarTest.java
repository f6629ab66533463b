package dev.gantry.eval.assertion;

import static dev.gantry.eval.assertion.Specs.eval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eval.run.LazyServices;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Uses the real all-MiniLM-L6-v2 model. */
class SimilarTest {

  @Test
  void a_paraphrase_passes_and_an_unrelated_answer_fails() {
    String yaml =
        "{type: similar, value: 'You can reset your password from the account settings page.', threshold: 0.6}";
    AssertionResult close = eval(yaml, "Go to account settings to reset the password.");
    AssertionResult far = eval(yaml, "The weather in Lisbon is sunny today.");
    assertThat(close.passed()).isTrue();
    assertThat(close.score()).isGreaterThan(0.6);
    assertThat(far.passed()).isFalse();
    assertThat(far.score()).isLessThan(0.3);
    assertThat(far.message()).contains("< 0.600");
  }

  @Test
  void the_closest_reference_counts_and_negation_inverts() {
    String yaml =
        "{type: similar, value: ['Totally unrelated text about cooking pasta.', 'Paris is the capital of France.']}";
    AssertionResult r = eval(yaml, "The capital of France is Paris.");
    assertThat(r.passed()).isTrue();
    assertThat(r.message()).contains("Paris is the capital");
    AssertionResult negated =
        eval(
            "{type: not-similar, value: 'Paris is the capital of France.'}",
            "The capital of France is Paris.");
    assertThat(negated.passed()).isFalse();
    assertThat(negated.score()).isLessThan(0.2);
  }

  @Test
  void the_embedder_is_created_once_and_only_when_needed() {
    AtomicInteger created = new AtomicInteger();
    LazyServices services =
        new LazyServices(
            () -> {
              created.incrementAndGet();
              return Specs.embedder();
            },
            () -> null);
    Specs.spec("{type: contains, value: x}").evaluate(CaseOutput.ofText("x"), services);
    assertThat(created).hasValue(0);
    AssertionSpec similar = Specs.spec("{type: similar, value: hello}");
    similar.evaluate(CaseOutput.ofText("hello there"), services);
    similar.evaluate(CaseOutput.ofText("hi"), services);
    assertThat(created).hasValue(1);
  }
}
