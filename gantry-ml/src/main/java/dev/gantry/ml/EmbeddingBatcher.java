package dev.gantry.ml;

import dev.gantry.core.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Embeds texts of concurrent requests together, on the worker pool. While fewer than {@code
 * parallel} batches run, a text is sent at once (with whatever else waits), so a lone request waits
 * for nothing; while they all run, texts gather, and go as one padded inference when {@code
 * maxBatch} have gathered, when a batch finishes, or at the latest {@code window} after the first
 * of them arrived. Under load, fewer and larger inferences replace many small ones, and the
 * embedding is done before the checks that share it start, so no worker waits for another to embed.
 * Batched vectors differ slightly from single ones (see {@link MiniLmEmbedder#embedBatch}). Shared
 * and thread-safe.
 */
public final class EmbeddingBatcher {
  private record Waiting(String text, CompletableFuture<float[]> result) {}

  private final Function<List<String>, List<float[]>> model;
  private final Executor workers;
  private final Scheduler scheduler;
  private final Duration window;
  private final int maxBatch;
  private final int parallel;
  private List<Waiting> waiting = new ArrayList<>();
  private Scheduler.Scheduled flush;
  private int running;

  /**
   * @param model embeds a batch in one inference ({@link MiniLmEmbedder#embedBatch})
   * @param window the longest a text waits for others, from its arrival
   * @param maxBatch the most texts per inference
   * @param parallel batches that may run at once (the worker pool's size)
   */
  public EmbeddingBatcher(
      Function<List<String>, List<float[]>> model,
      Executor workers,
      Scheduler scheduler,
      Duration window,
      int maxBatch,
      int parallel) {
    this.model = Objects.requireNonNull(model, "model");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.window = Objects.requireNonNull(window, "window");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
    }
    this.maxBatch = maxBatch;
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    this.parallel = parallel;
  }

  /** The embedding of {@code text}, completed on a worker (exceptionally if the batch failed). */
  public CompletableFuture<float[]> submit(String text) {
    CompletableFuture<float[]> result = new CompletableFuture<>();
    List<Waiting> now = null;
    synchronized (this) {
      waiting.add(new Waiting(text, result));
      if (running < parallel || waiting.size() >= maxBatch) {
        now = take();
        running++;
      } else if (flush == null) {
        flush = scheduler.schedule(window, this::flushDue);
      }
    }
    if (now != null) {
      dispatch(now);
    }
    return result;
  }

  private void flushDue() {
    List<Waiting> due;
    synchronized (this) {
      flush = null;
      due = take();
      if (!due.isEmpty()) {
        running++;
      }
    }
    if (!due.isEmpty()) {
      dispatch(due);
    }
  }

  /** A batch finished: what gathered meanwhile goes now. */
  private void finished() {
    List<Waiting> gathered = null;
    synchronized (this) {
      running--;
      if (!waiting.isEmpty() && running < parallel) {
        gathered = take();
        running++;
      }
    }
    if (gathered != null) {
      dispatch(gathered);
    }
  }

  /** Up to {@code maxBatch} waiting texts; cancels a pending flush when none are left. Locked. */
  private List<Waiting> take() {
    int n = Math.min(maxBatch, waiting.size());
    List<Waiting> out = new ArrayList<>(waiting.subList(0, n));
    waiting = new ArrayList<>(waiting.subList(n, waiting.size()));
    if (!waiting.isEmpty()) {
      return out;
    }
    if (flush != null) {
      flush.cancel();
      flush = null;
    }
    return out;
  }

  private void dispatch(List<Waiting> batch) {
    try {
      workers.execute(
          () -> {
            try {
              run(batch);
            } finally {
              finished();
            }
          });
    } catch (RuntimeException refused) {
      batch.forEach(w -> w.result().completeExceptionally(refused));
      finished();
    }
  }

  private void run(List<Waiting> batch) {
    try {
      List<String> texts = new ArrayList<>(batch.size());
      batch.forEach(w -> texts.add(w.text()));
      List<float[]> vectors = model.apply(texts);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(vectors.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(w -> w.result().completeExceptionally(e));
    }
  }
}
