package dev.gantry.gateway.pipeline;

import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Process-wide resources that outlive configuration reloads: the bounded worker pool for CPU-heavy
 * checks and the in-process models, loaded on first use (the embedding model takes ~0.6 s and is
 * not loaded at all when no configured check needs it). Shared and thread-safe.
 */
public final class Services implements AutoCloseable {
  /**
   * Tasks waiting for a worker beyond which new checks are refused (and follow their fail rule).
   */
  static final int QUEUE = 4096;

  private final ThreadPoolExecutor workers;
  private final Lazy<Embedder> embedder;
  private final Lazy<PiiDetector> pii = new Lazy<>(PiiDetector::defaults);

  public Services(int threads, Supplier<Embedder> embedderFactory) {
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "gantry-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.embedder = new Lazy<>(embedderFactory);
  }

  private static final Lazy<Services> SHARED = new Lazy<>(Services::defaults);

  /**
   * The process-wide instance every gateway in this JVM uses (its workers are daemon threads and
   * its models are loaded once).
   */
  public static Services shared() {
    return SHARED.get();
  }

  /** One worker per core and the bundled MiniLM embedding model with a 10,000-text cache. */
  public static Services defaults() {
    return new Services(
        Math.max(2, Runtime.getRuntime().availableProcessors()), () -> new MiniLmEmbedder(10_000));
  }

  /** The bounded pool for CPU-heavy work; refuses tasks when its queue is full. */
  public ExecutorService workers() {
    return workers;
  }

  public Embedder embedder() {
    return embedder.get();
  }

  private final Lazy<Embedder> e5 = new Lazy<>(() -> new dev.gantry.ml.E5SmallEmbedder(10_000));
  private final Lazy<Embedder> minilmE5 =
      new Lazy<>(() -> new dev.gantry.ml.EnsembleEmbedder(List.of(embedder(), e5.get())));

  /**
   * The in-process encoder a route's cache names ({@link
   * dev.gantry.core.config.RouteCache#ENCODERS}), loaded on first use; all-MiniLM-L6-v2 is the
   * shared {@link #embedder()}, and the ensemble is made of the shared models.
   */
  public Embedder encoder(String name) {
    return switch (name) {
      case dev.gantry.core.config.RouteCache.E5_SMALL -> e5.get();
      case dev.gantry.core.config.RouteCache.MINILM_E5 -> minilmE5.get();
      default -> embedder();
    };
  }

  public PiiDetector pii() {
    return pii.get();
  }

  private final java.util.Map<String, dev.gantry.rag.KnowledgeBases> knowledge =
      new java.util.HashMap<>();

  /**
   * The knowledge bases under {@code dataDir} (one manager per directory for the life of the
   * process, so reloads reuse open indexes), embedding with the in-process model.
   */
  public synchronized dev.gantry.rag.KnowledgeBases knowledgeBases(java.nio.file.Path dataDir) {
    return knowledgeBases(dataDir, "all-MiniLM-L6-v2", this::embedder);
  }

  /**
   * The knowledge bases under {@code dataDir} that embed with {@code model} (one manager per
   * directory and model for the life of the process).
   */
  public synchronized dev.gantry.rag.KnowledgeBases knowledgeBases(
      java.nio.file.Path dataDir, String model, Supplier<Embedder> embedder) {
    java.nio.file.Path dir = dataDir.toAbsolutePath().normalize();
    return knowledge.computeIfAbsent(
        dir + "\u0000" + model,
        k ->
            new dev.gantry.rag.KnowledgeBases(
                dir,
                new dev.gantry.rag.EmbeddingModel(model, embedder.get()),
                dev.gantry.rag.RagConfig.defaults()));
  }

  /** The injection guardrail with the given action and threshold. */
  public dev.gantry.guardrails.InputGuardrail injectionGuard(
      dev.gantry.core.config.GuardAction action, double threshold) {
    return new dev.gantry.guardrails.checks.InjectionGuardrail(injection.get(), action, threshold);
  }

  private final Lazy<dev.gantry.guardrails.injection.InjectionDetector> injection =
      new Lazy<>(() -> dev.gantry.guardrails.injection.InjectionDetector.defaults(embedder()));

  /** The safety classifier with the bundled weights, loaded on first use. */
  public dev.gantry.guardrails.safety.SafetyClassifier safety() {
    return safety.get();
  }

  private final Lazy<dev.gantry.guardrails.safety.SafetyClassifier> safety =
      new Lazy<>(() -> dev.gantry.guardrails.safety.SafetyClassifier.defaults(embedder()));

  /**
   * Batches the shared embeddings of concurrent requests' input checks on the worker pool: sent at
   * once while a worker is free, else gathered up to 8 per inference for at most 2 ms.
   */
  public dev.gantry.ml.EmbeddingBatcher embeddingBatcher() {
    return batcher.get();
  }

  private final java.util.concurrent.ScheduledExecutorService batchTimer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "gantry-embedding-batches");
            t.setDaemon(true);
            return t;
          });

  private final Lazy<dev.gantry.ml.EmbeddingBatcher> batcher = new Lazy<>(this::newBatcher);

  private dev.gantry.ml.EmbeddingBatcher newBatcher() {
    Embedder e = embedder();
    java.util.function.Function<List<String>, List<float[]>> model =
        e instanceof MiniLmEmbedder m ? m::embedBatch : e::embedAll;
    return new dev.gantry.ml.EmbeddingBatcher(
        model,
        workers,
        dev.gantry.core.time.Scheduler.of(batchTimer),
        java.time.Duration.ofMillis(2),
        8,
        workers.getMaximumPoolSize());
  }

  @Override
  public void close() {
    workers.shutdownNow();
    batchTimer.shutdownNow();
  }

  /** A value created on first use, once. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = factory.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
