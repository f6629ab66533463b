package dev.gantry.gateway.drift;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.DriftMeasured;
import dev.gantry.core.events.EventBus;
import dev.gantry.ml.Embedder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the inputs of the configured routes for drift. A sampled share of requests has its last
 * user message embedded on the worker pool (never on the event loop); the first {@code reference}
 * embeddings of a route form its reference window and the last {@code recent} its recent window.
 * Each time a quarter of the recent window has been renewed, the two windows are compared with the
 * {@link Mmd} permutation test at the configured significance level and a {@link DriftMeasured} is
 * published, with the share of retrieval requests the knowledge base had no source for and the
 * share on which an input guardrail triggered over the same recent requests. Shared and
 * thread-safe.
 */
public final class DriftWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);

  private final MonitoringConfig.Drift config;
  private final Supplier<Embedder> embedder;
  private final Executor workers;
  private final EventBus events;
  private final RandomGenerator random;
  private final Map<String, Windows> routes = new ConcurrentHashMap<>();

  /** One route's windows. Guarded by itself. */
  private static final class Windows {
    final List<float[]> reference = new ArrayList<>();
    final Deque<float[]> recent = new ArrayDeque<>();
    final Deque<boolean[]> flags = new ArrayDeque<>();
    int sinceTest;
  }

  /**
   * @param embedder the sentence embedder, loaded on first use
   * @param random decides which requests are sampled and drives the permutations; used under this
   *     watcher's lock
   */
  public DriftWatcher(
      MonitoringConfig.Drift config,
      Supplier<Embedder> embedder,
      Executor workers,
      EventBus events,
      RandomGenerator random) {
    this.config = config;
    this.embedder = embedder;
    this.workers = workers;
    this.events = events;
    this.random = random;
  }

  /**
   * Offers one finished request's input. Cheap; the embedding happens on a worker.
   *
   * @param retrieval true when the route retrieves from a knowledge base
   * @param unanswered true when that retrieval found no source
   * @param guardTriggered true when an input guardrail blocked, flagged or rewrote the request
   */
  public void observe(
      String route, String text, boolean retrieval, boolean unanswered, boolean guardTriggered) {
    if (route == null || text == null || text.isBlank() || !config.watches(route)) {
      return;
    }
    synchronized (random) {
      if (random.nextDouble() >= config.sampleRate()) {
        return;
      }
    }
    boolean[] flags = {retrieval, retrieval && unanswered, guardTriggered};
    try {
      workers.execute(() -> add(route, embedder.get().embed(text), flags));
    } catch (RejectedExecutionException e) {
      LOG.debug("drift sample of {} dropped: workers busy", route);
    }
  }

  /** Adds one embedding (on a worker) and tests the route when its recent window has moved on. */
  void add(String route, float[] vector, boolean[] flags) {
    Windows w = routes.computeIfAbsent(route, r -> new Windows());
    List<float[]> reference;
    List<float[]> recent;
    List<boolean[]> recentFlags;
    synchronized (w) {
      if (w.reference.size() < config.reference()) {
        w.reference.add(vector);
        return;
      }
      w.recent.addLast(vector);
      w.flags.addLast(flags);
      if (w.recent.size() > config.recent()) {
        w.recent.removeFirst();
        w.flags.removeFirst();
      }
      w.sinceTest++;
      if (w.recent.size() < config.recent() || w.sinceTest < Math.max(1, config.recent() / 4)) {
        return;
      }
      w.sinceTest = 0;
      reference = List.copyOf(w.reference);
      recent = List.copyOf(w.recent);
      recentFlags = List.copyOf(w.flags);
    }
    Mmd.Result r;
    synchronized (random) {
      r = Mmd.test(reference, recent, config.permutations(), config.alpha(), random);
    }
    int retrievals = 0;
    int unanswered = 0;
    int triggered = 0;
    for (boolean[] f : recentFlags) {
      retrievals += f[0] ? 1 : 0;
      unanswered += f[1] ? 1 : 0;
      triggered += f[2] ? 1 : 0;
    }
    events.publish(
        new DriftMeasured(
            route,
            r.statistic(),
            r.threshold(),
            r.pValue(),
            r.score(),
            recent.size(),
            retrievals == 0 ? 0 : (double) unanswered / retrievals,
            (double) triggered / recentFlags.size()));
  }
}
