package dev.gantry.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardrailRunnerTest {
  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final List<Throwable> failures = new ArrayList<>();
  final GuardrailRunner runner =
      new GuardrailRunner(pool, (r, nanos, failure) -> failures.add(failure));

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static GuardrailRunner.Task task(
      String name,
      long timeoutMs,
      boolean failClosed,
      java.util.function.Supplier<GuardrailResult> work) {
    return new GuardrailRunner.Task(name, Duration.ofMillis(timeoutMs), failClosed, work);
  }

  @Test
  void results_come_back_in_task_order_however_they_finish() {
    List<GuardrailResult> out =
        runner
            .run(
                List.of(
                    task(
                        "slow",
                        5_000,
                        false,
                        () -> {
                          sleep(100);
                          return new GuardrailResult.Pass("slow", 0);
                        }),
                    task("fast", 5_000, false, () -> new GuardrailResult.Pass("fast", 0))))
            .join();
    assertThat(out).extracting(GuardrailResult::guardrail).containsExactly("slow", "fast");
  }

  @Test
  void checks_run_concurrently() {
    CountDownLatch both = new CountDownLatch(2);
    java.util.function.Supplier<GuardrailResult> meet =
        () -> {
          both.countDown();
          try {
            return both.await(2, java.util.concurrent.TimeUnit.SECONDS)
                ? new GuardrailResult.Pass("x", 0)
                : new GuardrailResult.Flag("x", 1, "alone", List.of());
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    List<GuardrailResult> out =
        runner.run(List.of(task("a", 5_000, false, meet), task("b", 5_000, false, meet))).join();
    assertThat(out).allMatch(r -> r instanceof GuardrailResult.Pass);
  }

  @Test
  void a_check_over_budget_fails_closed_when_configured() {
    GuardrailResult r =
        runner
            .run(
                List.of(
                    task(
                        "slow",
                        20,
                        true,
                        () -> {
                          sleep(500);
                          return new GuardrailResult.Pass("slow", 0);
                        })))
            .join()
            .get(0);
    assertThat(r).isInstanceOf(GuardrailResult.Reject.class);
    assertThat(((GuardrailResult.Reject) r).reason()).contains("did not finish within 20 ms");
    assertThat(failures).singleElement().isInstanceOf(java.util.concurrent.TimeoutException.class);
  }

  @Test
  void a_check_that_throws_fails_open_when_configured() {
    GuardrailResult r =
        runner
            .run(
                List.of(
                    task(
                        "broken",
                        1_000,
                        false,
                        () -> {
                          throw new IllegalStateException("boom");
                        })))
            .join()
            .get(0);
    assertThat(r).isInstanceOf(GuardrailResult.Flag.class);
    assertThat(((GuardrailResult.Flag) r).reason())
        .contains("failed: IllegalStateException")
        .contains("on_error: open");
  }

  @Test
  void a_full_worker_queue_follows_the_fail_rule_instead_of_throwing() {
    GuardrailRunner refusing =
        new GuardrailRunner(
            command -> {
              throw new java.util.concurrent.RejectedExecutionException("full");
            },
            null);
    GuardrailResult r =
        refusing
            .run(List.of(task("pii", 1_000, true, () -> new GuardrailResult.Pass("pii", 0))))
            .join()
            .get(0);
    assertThat(r).isInstanceOf(GuardrailResult.Reject.class);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
