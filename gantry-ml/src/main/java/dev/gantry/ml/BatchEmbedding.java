package dev.gantry.ml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embeds many texts for training: each distinct non-blank text once, in fixed batches in
 * first-occurrence order, the batches spread over the available cores. The batches are the same
 * whatever the number of threads (a batch's padding can change the last bits of its vectors), so
 * the result does not depend on the machine's core count. Stateless.
 */
public final class BatchEmbedding {
  private BatchEmbedding() {}

  /** Texts per {@link Embedder#embedAll} call. */
  public static final int BATCH = 32;

  /**
   * The vector of every distinct non-blank text of {@code texts}.
   *
   * @param threadName names the worker threads (they are daemons and stop when done)
   */
  public static Map<String, float[]> embed(
      Embedder embedder, List<String> texts, String threadName) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
    distinct.removeIf(String::isBlank);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i += BATCH) {
      batches.add(distinct.subList(i, Math.min(distinct.size(), i + BATCH)));
    }
    int threads = Math.max(1, Math.min(batches.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<List<float[]>>> futures = new ArrayList<>(batches.size());
      for (List<String> batch : batches) {
        futures.add(pool.submit(() -> embedder.embedAll(batch)));
      }
      Map<String, float[]> out = new HashMap<>();
      for (int b = 0; b < batches.size(); b++) {
        List<float[]> vectors = futures.get(b).get();
        List<String> batch = batches.get(b);
        for (int j = 0; j < batch.size(); j++) {
          out.put(batch.get(j), vectors.get(j));
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding the training texts", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("embedding the training texts failed: " + e.getCause(), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
