package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void rate_limiter_refills_with_the_injected_clock() {
    long[] now = {0};
    RateLimiter limiter = new RateLimiter(60, () -> now[0]);

    for (int i = 0; i < 60; i++) {
      assertThat(limiter.tryAcquire()).isZero();
    }
    assertThat(limiter.tryAcquire()).isEqualTo(1);
    now[0] += 500_000_000L;
    assertThat(limiter.tryAcquire()).as("half a permit").isEqualTo(1);
    now[0] += 500_000_000L;
    assertThat(limiter.tryAcquire()).isZero();
  }

  @Test
  void chunks_carry_leading_whitespace_and_reassemble_exactly() {
    String text = "Hello!  How can\nI help? ";

    assertThat(Tokens.chunks(text, 1)).containsExactly("Hello!", "  How", " can", "\nI", " help? ");
    assertThat(String.join("", Tokens.chunks(text, 2))).isEqualTo(text);
    assertThat(Tokens.chunks(text, 2)).hasSize(3);
    assertThat(Tokens.chunks("", 1)).containsExactly("");
  }

  @Test
  void fragments_never_split_a_surrogate_pair() {
    String json = "{\"e\":\"😀😀😀😀\"}";

    List<String> fragments = Tokens.fragments(json, 1);

    assertThat(String.join("", fragments)).isEqualTo(json);
    assertThat(fragments).noneMatch(f -> Character.isHighSurrogate(f.charAt(f.length() - 1)));
  }

  @Test
  void fault_plan_uses_first_window_and_skips_faults_that_do_not_apply() {
    FaultPlan plan =
        new FaultPlan(
            Scenario.parse(
                    """
                    faults:
                      - {type: reset, after_chunks: 1, rate: 1}
                      - {type: status, status: 500, first: 1}
                    """)
                .faults());
    SplittableRandom random = new SplittableRandom(1);

    assertThat(plan.decide("m", false, random)).isEqualTo(new FaultDecision.Status(500, -1));
    assertThat(plan.decide("m", false, random)).isEqualTo(FaultDecision.NONE);
    assertThat(plan.decide("m", true, random)).isEqualTo(new FaultDecision.Reset(1));
  }

  @Test
  void planner_takes_the_first_matching_rule_on_the_last_user_message() {
    Scenario scenario =
        Scenario.parse(
            """
            rules:
              - {match: {regex: "(?i)^HELLO"}, reply: first}
              - {match: {contains: hello}, reply: second}
            """);

    assertThat(plan(scenario, "hello world").reply()).isEqualTo(new Reply.Text("first"));
    assertThat(plan(scenario, "say hello").reply()).isEqualTo(new Reply.Text("second"));
    assertThat(plan(scenario, "nothing").reply())
        .isEqualTo(new Reply.Text("This is a simulated reply."));
  }

  private static Completion plan(Scenario scenario, String text) {
    return ReplyPlanner.plan(
        scenario, new ChatInput("m", text, "", 0, 0, List.of(), false, false, 1));
  }
}
