package dev.gantry.guardrails.bench;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.checks.InjectionGuardrail;
import dev.gantry.guardrails.checks.PiiGuardrail;
import dev.gantry.guardrails.checks.SafetyGuardrail;
import dev.gantry.guardrails.checks.TopicGuardrail;
import dev.gantry.guardrails.injection.InjectionDetector;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.safety.SafetyClassifier;
import dev.gantry.guardrails.topic.Topic;
import dev.gantry.guardrails.topic.TopicFilter;
import dev.gantry.ml.MiniLmEmbedder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Latency of the input policy on 1,000-character prompts: the injection heuristics alone, the
 * safety check given the shared embedding, and the whole policy (one shared embedding, injection
 * heuristics and classifier, topic, PII, safety) one request at a time and with {@value #IN_FLIGHT}
 * requests in flight on one worker per core, each over distinct texts so no cache helps. Run by
 * {@code bench/guard-latency.sh}; prints p50/p90/p99 and checks per second.
 */
public final class PolicyBenchmark {
  private PolicyBenchmark() {}

  /** Requests in flight in the closed-loop run. */
  static final int IN_FLIGHT = 50;

  static final String[] WORDS =
      ("the customer asked about an invoice from last month and wanted to know why the total"
              + " was higher than expected because the plan changed after the trial period ended"
              + " please explain the charges on the account and whether a refund is possible for"
              + " the extra days billed while the service was unavailable in the region during"
              + " maintenance window announced by email to the administrators of the workspace")
          .split(" ");

  static String prompt(Random r, int i) {
    StringBuilder b = new StringBuilder("Request " + i + ": ");
    while (b.length() < 1000) {
      b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      if (r.nextInt(12) == 0) {
        b.append(". ");
      }
    }
    if (i % 10 == 0) {
      b.append(" Contact me at user").append(i).append("@example.com.");
    }
    return b.substring(0, 1000);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warm = Math.min(300, n / 4);
    MiniLmEmbedder embedder = new MiniLmEmbedder(1);
    InjectionDetector heuristics = InjectionDetector.heuristicsOnly();
    InjectionGuardrail injection =
        new InjectionGuardrail(InjectionDetector.defaults(embedder), GuardAction.BLOCK, 0.5);
    TopicGuardrail topic =
        new TopicGuardrail(
            new TopicFilter(
                embedder,
                List.of(
                    new Topic(
                        "billing",
                        List.of("Why was I charged twice?", "I need a refund for my invoice."))),
                List.of(new Topic("medical advice", List.of("What dose of ibuprofen is safe?"))),
                0.3,
                0.6),
            GuardAction.BLOCK,
            "Billing questions only.");
    PiiGuardrail pii =
        new PiiGuardrail(PiiDetector.defaults(), Set.of(), GuardAction.BLOCK, 0.5, false);
    SafetyGuardrail safety =
        new SafetyGuardrail(
            SafetyClassifier.defaults(embedder), GuardAction.BLOCK, SafetyGuardrail.uniform(0.5));
    Random r = new Random(7);
    long[] h = new long[n];
    long[] s = new long[n];
    long[] all = new long[n];
    for (int i = 0; i < n + warm; i++) {
      String text = prompt(r, i);
      long t0 = System.nanoTime();
      heuristics.detect(text);
      long t1 = System.nanoTime();
      GuardText g = new GuardText(text, embedder);
      injection.check(g);
      topic.check(g);
      pii.check(g);
      long t2 = System.nanoTime();
      safety.check(g);
      long t3 = System.nanoTime();
      if (i >= warm) {
        h[i - warm] = t1 - t0;
        s[i - warm] = t3 - t2;
        all[i - warm] = t3 - t1;
      }
    }
    report("injection heuristics", h);
    report("safety check given the shared embedding", s);
    report("whole input policy, one thread (embedding + injection + topic + PII + safety)", all);

    // As the gateway runs it: the three checks submitted together to a pool of one worker per
    // core, the shared embedding computed once by whichever check needs it first.
    int cores = Runtime.getRuntime().availableProcessors();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(cores);
    dev.gantry.guardrails.GuardrailRunner runner =
        new dev.gantry.guardrails.GuardrailRunner(pool, null);
    long[] concurrent = new long[n];
    for (int i = 0; i < n + warm; i++) {
      String text = prompt(r, 100_000 + i);
      GuardText g = new GuardText(text, embedder);
      java.time.Duration budget = java.time.Duration.ofSeconds(5);
      long t0 = System.nanoTime();
      runner.run(tasks(List.of(injection, topic, pii, safety), g, budget)).join();
      if (i >= warm) {
        concurrent[i - warm] = System.nanoTime() - t0;
      }
    }
    report(
        "whole input policy as the gateway runs it (checks concurrent on " + cores + " workers)",
        concurrent);

    // Closed loop: IN_FLIGHT clients, each sending its next prompt as soon as its policy is done.
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    long[] loaded = new long[n];
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(IN_FLIGHT);
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
    for (int c = 0; c < IN_FLIGHT; c++) {
      futures.add(
          clients.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n + warm; i = next.getAndIncrement()) {
                  GuardText g = new GuardText(prompt(new Random(i), 200_000 + i), embedder);
                  java.time.Duration budget = java.time.Duration.ofSeconds(30);
                  long t0 = System.nanoTime();
                  runner.run(tasks(List.of(injection, topic, pii, safety), g, budget)).join();
                  if (i >= warm) {
                    loaded[i - warm] = System.nanoTime() - t0;
                    done.incrementAndGet();
                  }
                }
              }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    pool.shutdown();
    report(
        "whole input policy, " + IN_FLIGHT + " requests in flight on " + cores + " workers",
        loaded);
    System.out.printf(
        Locale.ROOT,
        "  throughput with %d in flight: %.0f policies/s (%d policies in %.1f s, warm-up"
            + " included)%n",
        IN_FLIGHT,
        (n + warm) / seconds,
        n + warm,
        seconds);
  }

  /** One runner task per check on {@code g}, each failing closed after {@code budget}. */
  static List<dev.gantry.guardrails.GuardrailRunner.Task> tasks(
      List<dev.gantry.guardrails.InputGuardrail> checks, GuardText g, java.time.Duration budget) {
    return checks.stream()
        .map(
            c ->
                new dev.gantry.guardrails.GuardrailRunner.Task(
                    c.name(), budget, true, () -> c.check(g)))
        .toList();
  }

  static void report(String name, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%s over %d prompts of 1,000 characters: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f"
            + " ms; %.0f checks/s on one thread%n",
        name,
        s.length,
        s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.9)] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6,
        s[s.length - 1] / 1e6,
        1e9 / mean);
  }
}
