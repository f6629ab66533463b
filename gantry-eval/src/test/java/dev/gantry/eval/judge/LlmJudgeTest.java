package dev.gantry.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.time.Ticker;
import dev.gantry.eval.http.Sleeper;
import dev.gantry.eval.http.TargetClient;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge talks to the simulator over real HTTP, as it would to a gateway. */
class LlmJudgeTest {
  static Simulator sim;
  static TargetClient client;

  @BeforeAll
  static void start() {
    sim =
        GantryTestKit.simulator(
            "rules:\n"
                + "  - match: {contains: 'is polite'}\n"
                + "    reply: \"SCORE: 5\\nREASON: courteous throughout.\"\n"
                + "  - match: {contains: 'rhymes'}\n"
                + "    reply: \"SCORE: 2\\nREASON: it does not rhyme.\"\n"
                + "default_reply: 'I cannot grade this.'\n");
    client =
        new TargetClient(
            URI.create(sim.baseUrl()),
            "k",
            Duration.ofSeconds(5),
            0,
            Duration.ZERO,
            Ticker.SYSTEM,
            Sleeper.SYSTEM);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void grades_on_the_scale_and_caches_the_judgement(@TempDir Path cache) throws Exception {
    LlmJudge judge = new LlmJudge(client, JudgeSettings.DEFAULTS.withModel("judge-model"), cache);
    sim.clearReceived();
    Judgement first =
        judge.grade("The answer is polite.", "hello?", "Good morning! How may I help?");
    assertThat(first.score()).isEqualTo(5.0);
    assertThat(first.normalized()).isEqualTo(1.0);
    assertThat(first.reason()).isEqualTo("courteous throughout.");
    assertThat(first.cached()).isFalse();
    assertThat(sim.received()).hasSize(1);
    assertThat(sim.received().get(0).body().path("model").asText()).isEqualTo("judge-model");
    assertThat(sim.received().get(0).body().path("temperature").asDouble()).isZero();

    Judgement second =
        judge.grade("The answer is polite.", "hello?", "Good morning! How may I help?");
    assertThat(second.cached()).isTrue();
    assertThat(second.score()).isEqualTo(5.0);
    assertThat(sim.received()).hasSize(1);

    Judgement other = judge.grade("The answer is polite.", "hello?", "A different output");
    assertThat(other.cached()).isFalse();
    assertThat(sim.received()).hasSize(2);
  }

  @Test
  void normalises_over_the_configured_scale() throws Exception {
    LlmJudge judge = new LlmJudge(client, new JudgeSettings("j", 0, 4, 0.5, null), null);
    Judgement j = judge.grade("The poem rhymes.", "write a poem", "Roses are red");
    assertThat(j.normalized()).isEqualTo(0.5);
  }

  @Test
  void a_reply_without_a_score_is_an_error() {
    LlmJudge judge = new LlmJudge(client, JudgeSettings.DEFAULTS.withModel("j"), null);
    assertThatThrownBy(() -> judge.grade("Anything", "q", "a"))
        .isInstanceOf(JudgeException.class)
        .hasMessageContaining("no score on 1..5")
        .hasMessageContaining("I cannot grade this.");
  }

  @Test
  void an_unreachable_judge_is_an_error() {
    TargetClient nowhere =
        new TargetClient(
            URI.create("http://127.0.0.1:1"),
            null,
            Duration.ofSeconds(2),
            0,
            Duration.ZERO,
            Ticker.SYSTEM,
            Sleeper.SYSTEM);
    LlmJudge judge = new LlmJudge(nowhere, JudgeSettings.DEFAULTS.withModel("j"), null);
    assertThatThrownBy(() -> judge.grade("r", "q", "a"))
        .isInstanceOf(JudgeException.class)
        .hasMessageContaining("could not reach the judge");
  }
}
