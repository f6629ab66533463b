package dev.gantry.eval.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.Ticker;
import dev.gantry.eval.http.Sleeper;
import dev.gantry.eval.http.TargetClient;
import dev.gantry.eval.judge.JudgeSettings;
import dev.gantry.eval.judge.LlmJudge;
import dev.gantry.eval.run.LazyServices;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmRubricTest {

  @Test
  void passes_at_the_threshold_fails_below_it_and_reports_judge_failures() {
    try (Simulator sim =
        GantryTestKit.simulator(
            "rules:\n"
                + "  - match: {contains: 'mentions Paris'}\n"
                + "    reply: \"SCORE: 4\\nREASON: it names Paris.\"\n"
                + "default_reply: 'no grade'\n")) {
      TargetClient client =
          new TargetClient(
              URI.create(sim.baseUrl()),
              null,
              Duration.ofSeconds(5),
              0,
              Duration.ZERO,
              Ticker.SYSTEM,
              Sleeper.SYSTEM);
      JudgeSettings settings = JudgeSettings.DEFAULTS.withModel("judge");
      LazyServices services =
          new LazyServices(Specs::embedder, () -> new LlmJudge(client, settings, null));
      CaseContext context = new CaseContext("capital of France?", List.of(), null, settings);
      CaseOutput output = CaseOutput.ofText("Paris.");

      AssertionResult pass =
          Specs.spec("{type: llm-rubric, value: 'The answer mentions Paris'}", context)
              .evaluate(output, services);
      assertThat(pass.passed()).isTrue();
      assertThat(pass.score()).isEqualTo(0.75);
      assertThat(pass.message()).contains("judge score 4").contains("it names Paris.");

      AssertionResult strict =
          Specs.spec(
                  "{type: llm-rubric, value: 'The answer mentions Paris', threshold: 0.9}", context)
              .evaluate(output, services);
      assertThat(strict.passed()).isFalse();

      AssertionResult broken =
          Specs.spec("{type: llm-rubric, value: 'Something else'}", context)
              .evaluate(output, services);
      assertThat(broken.passed()).isFalse();
      assertThat(broken.message()).startsWith("judge failed: no score");

      String input = sim.received().get(0).body().path("messages").get(1).path("content").asText();
      assertThat(input)
          .contains("RUBRIC:\nThe answer mentions Paris")
          .contains("INPUT:\ncapital of France?")
          .contains("RESPONSE:\nParis.");
    }
  }
}
