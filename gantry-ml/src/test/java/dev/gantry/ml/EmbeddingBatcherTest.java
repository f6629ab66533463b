package dev.gantry.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class EmbeddingBatcherTest {
  /** Runs queued work only when told to, like a busy pool. */
  static final class Held implements Executor {
    final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      queue.add(r);
    }

    void runOne() {
      queue.remove().run();
    }
  }

  final List<List<String>> batches = new ArrayList<>();
  final Held pool = new Held();
  final ManualTime time = new ManualTime();

  EmbeddingBatcher batcher(int maxBatch, int parallel) {
    return new EmbeddingBatcher(
        texts -> {
          batches.add(List.copyOf(texts));
          List<float[]> out = new ArrayList<>();
          texts.forEach(t -> out.add(new float[] {t.length()}));
          return out;
        },
        pool,
        time,
        Duration.ofMillis(2),
        maxBatch,
        parallel);
  }

  @Test
  void a_lone_text_is_sent_at_once_without_waiting_for_the_window() {
    EmbeddingBatcher b = batcher(8, 1);
    CompletableFuture<float[]> f = b.submit("abc");
    pool.runOne();
    assertThat(f.join()[0]).isEqualTo(3f);
    assertThat(batches).containsExactly(List.of("abc"));
    assertThat(time.pending()).isZero();
  }

  @Test
  void texts_that_arrive_while_every_slot_is_busy_go_together_when_a_batch_finishes() {
    EmbeddingBatcher b = batcher(8, 1);
    b.submit("first");
    CompletableFuture<float[]> x = b.submit("x");
    CompletableFuture<float[]> yy = b.submit("yy");
    pool.runOne();
    pool.runOne();
    assertThat(batches).containsExactly(List.of("first"), List.of("x", "yy"));
    assertThat(x.join()[0]).isEqualTo(1f);
    assertThat(yy.join()[0]).isEqualTo(2f);
  }

  @Test
  void a_full_batch_goes_at_once_and_the_window_bounds_the_wait_of_the_rest() {
    EmbeddingBatcher b = batcher(2, 1);
    b.submit("busy");
    b.submit("a");
    b.submit("b");
    assertThat(pool.queue).hasSize(2);
    CompletableFuture<float[]> c = b.submit("c");
    assertThat(pool.queue).hasSize(2);
    time.advance(Duration.ofMillis(2));
    assertThat(pool.queue).hasSize(3);
    pool.runOne();
    pool.runOne();
    pool.runOne();
    assertThat(batches).containsExactly(List.of("busy"), List.of("a", "b"), List.of("c"));
    assertThat(c).isCompleted();
  }

  @Test
  void a_failed_inference_fails_every_text_of_its_batch() {
    EmbeddingBatcher b =
        new EmbeddingBatcher(
            texts -> {
              throw new IllegalStateException("boom");
            },
            pool,
            time,
            Duration.ofMillis(2),
            8,
            1);
    CompletableFuture<float[]> f = b.submit("t");
    pool.runOne();
    assertThat(f).isCompletedExceptionally();
  }
}
