package dev.gantry.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.assertion.AssertionSpec;
import dev.gantry.eval.assertion.CaseOutput;
import dev.gantry.eval.assertion.EvalServices;
import dev.gantry.eval.http.HttpOutcome;
import dev.gantry.eval.http.ResponseCache;
import dev.gantry.eval.http.TargetClient;
import dev.gantry.eval.suite.EvalCase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs cases against the target, at most {@code concurrency} at a time on a pool of platform
 * threads. Per case: build the request, read the response cache (unless disabled), otherwise send
 * with retries and store a final response, read the output, evaluate the assertions, score the
 * case. A request that got no response, or an HTTP error that is not a guardrail block, makes the
 * case an error: it fails and its assertions are recorded as not evaluated, with score 0. Not
 * shared: one per run.
 */
public final class SuiteExecutor {
  /** The chat completions path every case is sent to. */
  public static final String CHAT_PATH = "/v1/chat/completions";

  private final TargetClient client;
  private final ResponseCache cache;
  private final String targetIdentity;
  private final Function<EvalCase, String> modelOf;
  private final EvalServices services;
  private final int concurrency;

  /**
   * @param cache null to always send
   * @param targetIdentity what the cache key uses to tell targets apart
   * @param modelOf the model each case is sent with
   */
  public SuiteExecutor(
      TargetClient client,
      ResponseCache cache,
      String targetIdentity,
      Function<EvalCase, String> modelOf,
      EvalServices services,
      int concurrency) {
    this.client = Objects.requireNonNull(client, "client");
    this.cache = cache;
    this.targetIdentity = Objects.requireNonNull(targetIdentity, "targetIdentity");
    this.modelOf = Objects.requireNonNull(modelOf, "modelOf");
    this.services = Objects.requireNonNull(services, "services");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    this.concurrency = concurrency;
  }

  /** Runs every case and returns the results in suite order. */
  public List<CaseResult> run(List<EvalCase> cases, Progress progress) {
    AtomicInteger threadNo = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "gantry-eval-" + threadNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, cases.size())), threads);
    Object lock = new Object();
    int[] counters = new int[2];
    progress.started(cases.size());
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      for (EvalCase c : cases) {
        futures.add(
            pool.submit(
                () -> {
                  CaseResult r = runCaseSafely(c);
                  synchronized (lock) {
                    counters[0]++;
                    counters[1] += r.passed() ? 0 : 1;
                    progress.caseDone(r, counters[0], cases.size(), counters[1]);
                  }
                  return r;
                }));
      }
      List<CaseResult> results = new ArrayList<>();
      for (Future<CaseResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a case could not be run: " + e.getCause(), e.getCause());
        }
      }
      results.sort(Comparator.comparingInt(CaseResult::index));
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running cases", e);
    } finally {
      pool.shutdownNow();
      progress.completed();
    }
  }

  /** Runs one case; a bug in evaluation becomes an errored case instead of aborting the run. */
  private CaseResult runCaseSafely(EvalCase c) {
    try {
      return runCase(c);
    } catch (RuntimeException e) {
      String model = modelOf.apply(c);
      return errored(c, model, c.request(model), null, "could not be evaluated: " + e, 0);
    }
  }

  /** Runs one case. */
  public CaseResult runCase(EvalCase c) {
    String model = modelOf.apply(c);
    ObjectNode request = c.request(model);
    String key = cache == null ? null : ResponseCache.key(targetIdentity, CHAT_PATH, request);
    HttpOutcome outcome = cache == null ? null : cache.get(key);
    if (outcome == null) {
      outcome = client.postJson(CHAT_PATH, Json.toString(request));
      if (cache != null && outcome instanceof HttpOutcome.Received received) {
        cache.put(key, received);
      }
    }
    if (outcome instanceof HttpOutcome.Failed failed) {
      return errored(
          c,
          model,
          request,
          null,
          "request failed after " + failed.attempts() + " attempt(s): " + failed.reason(),
          failed.attempts());
    }
    HttpOutcome.Received r = (HttpOutcome.Received) outcome;
    CaseOutput output = CaseOutput.fromResponse(r.status(), r.headers(), r.body(), r.latencyMs());
    if (r.status() / 100 != 2 && !output.blocked()) {
      String message = output.errorMessage() == null ? "" : ": " + output.errorMessage();
      return errored(c, model, request, r, "HTTP " + r.status() + message, r.attempts());
    }
    List<AssertionResult> results = new ArrayList<>();
    for (AssertionSpec spec : c.assertions()) {
      results.add(spec.evaluate(output, services));
    }
    CaseScore score = CaseScore.of(results, c.threshold());
    return new CaseResult(
        c.id(),
        c.index(),
        c.description(),
        c.tags(),
        model,
        request,
        r,
        output.text(),
        results,
        score.passed(),
        score.score(),
        c.threshold(),
        r.latencyMs(),
        output.costUsd(),
        r.cached(),
        r.attempts(),
        null);
  }

  private static CaseResult errored(
      EvalCase c,
      String model,
      ObjectNode request,
      HttpOutcome.Received response,
      String error,
      int attempts) {
    List<AssertionResult> results = new ArrayList<>();
    for (AssertionSpec spec : c.assertions()) {
      results.add(spec.notEvaluated(error));
    }
    return new CaseResult(
        c.id(),
        c.index(),
        c.description(),
        c.tags(),
        model,
        request,
        response,
        "",
        results,
        false,
        0.0,
        c.threshold(),
        response == null ? null : response.latencyMs(),
        null,
        response != null && response.cached(),
        attempts,
        error);
  }
}
