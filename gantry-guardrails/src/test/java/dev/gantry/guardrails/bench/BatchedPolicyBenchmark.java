package dev.gantry.guardrails.bench;

import dev.gantry.core.config.GuardAction;
import dev.gantry.core.time.Scheduler;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailRunner;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.checks.InjectionGuardrail;
import dev.gantry.guardrails.checks.PiiGuardrail;
import dev.gantry.guardrails.checks.SafetyGuardrail;
import dev.gantry.guardrails.checks.TopicGuardrail;
import dev.gantry.guardrails.injection.InjectionDetector;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.safety.SafetyClassifier;
import dev.gantry.guardrails.topic.Topic;
import dev.gantry.guardrails.topic.TopicFilter;
import dev.gantry.ml.EmbeddingBatcher;
import dev.gantry.ml.MiniLmEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole input policy (injection, topic, PII, safety) on 1,000-character prompts with {@value
 * PolicyBenchmark#IN_FLIGHT} requests in flight on one worker per core, without and with embedding
 * batching across requests (the batch embedded on a worker, then the checks given the vector),
 * alternating the two runs. Arguments: prompts per run [1000], rounds [2], batching window in
 * microseconds [2000], largest batch [8], prompt length [1000]. Prints p50/p99 and policies per
 * second per run.
 */
public final class BatchedPolicyBenchmark {
  private BatchedPolicyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Duration window = Duration.ofNanos(1000L * (args.length > 2 ? Long.parseLong(args[2]) : 2000));
    int maxBatch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int length = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
    MiniLmEmbedder embedder = new MiniLmEmbedder(1);
    List<InputGuardrail> checks =
        List.of(
            new InjectionGuardrail(InjectionDetector.defaults(embedder), GuardAction.BLOCK, 0.5),
            new TopicGuardrail(
                new TopicFilter(
                    embedder,
                    List.of(new Topic("billing", List.of("Why was I charged twice?"))),
                    List.of(new Topic("medical advice", List.of("What dose is safe?"))),
                    0.3,
                    0.6),
                GuardAction.BLOCK,
                "Billing questions only."),
            new PiiGuardrail(PiiDetector.defaults(), Set.of(), GuardAction.BLOCK, 0.5, false),
            new SafetyGuardrail(
                SafetyClassifier.defaults(embedder),
                GuardAction.BLOCK,
                SafetyGuardrail.uniform(0.5)));
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    EmbeddingBatcher batcher =
        new EmbeddingBatcher(
            embedder::embedBatch, pool, Scheduler.of(timer), window, maxBatch, cores);
    GuardrailRunner runner = new GuardrailRunner(pool, null);
    System.out.printf(
        Locale.ROOT,
        "%d prompts of %d characters per run, %d in flight, %d workers, window %d µs, batch <= %d%n",
        n,
        length,
        PolicyBenchmark.IN_FLIGHT,
        cores,
        window.toNanos() / 1000,
        maxBatch);
    int offset = 0;
    run(n / 4, length, offset, embedder, null, runner, checks, "warm-up (not batched)");
    offset += n;
    run(n / 4, length, offset, embedder, batcher, runner, checks, "warm-up (batched)");
    for (int round = 0; round < rounds; round++) {
      offset += n;
      run(n, length, offset, embedder, null, runner, checks, "not batched");
      offset += n;
      run(n, length, offset, embedder, batcher, runner, checks, "batched");
    }
    pool.shutdown();
    timer.shutdown();
  }

  static void run(
      int n,
      int length,
      int offset,
      MiniLmEmbedder embedder,
      EmbeddingBatcher batcher,
      GuardrailRunner runner,
      List<InputGuardrail> checks,
      String label)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    long[] latency = new long[n];
    ExecutorService clients = Executors.newFixedThreadPool(PolicyBenchmark.IN_FLIGHT);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < PolicyBenchmark.IN_FLIGHT; c++) {
      futures.add(
          clients.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  String text = prompt(new Random(offset + i), offset + i, length);
                  long t0 = System.nanoTime();
                  GuardText g =
                      batcher == null
                          ? new GuardText(text, embedder)
                          : new GuardText(
                              text, embedder, batcher.submit(GuardText.window(text)).join());
                  runner.run(PolicyBenchmark.tasks(checks, g, Duration.ofSeconds(60))).join();
                  latency[i] = System.nanoTime() - t0;
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    long[] s = latency.clone();
    java.util.Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-22s p50 %7.1f ms  p99 %7.1f ms  %6.0f policies/s%n",
        label,
        s[n / 2] / 1e6,
        s[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
        n / seconds);
  }

  static String prompt(Random r, int i, int length) {
    String p = PolicyBenchmark.prompt(r, i);
    StringBuilder b = new StringBuilder(p);
    while (b.length() < length) {
      b.append(' ').append(p);
    }
    return b.substring(0, length);
  }
}
