package dev.gantry.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A check past its budget is stopped, and one run never holds more than its share of workers. */
class GuardrailRunnerLimitsTest {
  final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static GuardrailRunner.Task task(String name, long timeoutMs, Supplier<GuardrailResult> work) {
    return new GuardrailRunner.Task(name, Duration.ofMillis(timeoutMs), true, work);
  }

  /** Busy work that only ends when its thread is interrupted (as a runaway regex would not). */
  static GuardrailResult spinUntilInterrupted(AtomicInteger stopped) {
    while (!Thread.currentThread().isInterrupted()) {
      Thread.onSpinWait();
    }
    stopped.incrementAndGet();
    return new GuardrailResult.Pass("spin", 0);
  }

  @Test
  void a_check_that_overruns_its_budget_is_stopped_and_frees_its_worker() throws Exception {
    GuardrailRunner runner = new GuardrailRunner(pool, null, 2, dev.gantry.core.time.Ticker.SYSTEM);
    AtomicInteger stopped = new AtomicInteger();
    List<GuardrailResult> out =
        runner
            .run(
                List.of(
                    task("a", 100, () -> spinUntilInterrupted(stopped)),
                    task("b", 100, () -> spinUntilInterrupted(stopped))))
            .get(10, TimeUnit.SECONDS);
    assertThat(out).allMatch(r -> r instanceof GuardrailResult.Reject);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stopped.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(stopped).as("both runaway checks were interrupted").hasValue(2);
    GuardrailResult after =
        runner
            .run(List.of(task("c", 5_000, () -> new GuardrailResult.Pass("c", 0))))
            .get(10, TimeUnit.SECONDS)
            .get(0);
    assertThat(after).isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void the_checks_of_one_run_use_at_most_half_the_pool_so_another_run_still_gets_a_worker()
      throws Exception {
    GuardrailRunner runner = new GuardrailRunner(pool, null);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Supplier<GuardrailResult> hog =
        () -> {
          most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            concurrent.decrementAndGet();
          }
          return new GuardrailResult.Pass("hog", 0);
        };
    var hostile =
        runner.run(
            List.of(task("h1", 20_000, hog), task("h2", 20_000, hog), task("h3", 20_000, hog)));
    GuardrailResult other =
        runner
            .run(List.of(task("other", 20_000, () -> new GuardrailResult.Pass("other", 0))))
            .get(10, TimeUnit.SECONDS)
            .get(0);
    assertThat(other).isInstanceOf(GuardrailResult.Pass.class);
    release.countDown();
    assertThat(hostile.get(10, TimeUnit.SECONDS)).hasSize(3);
    assertThat(most).hasValue(1);
  }
}
