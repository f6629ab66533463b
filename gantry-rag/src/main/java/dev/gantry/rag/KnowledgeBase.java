package dev.gantry.rag;

import dev.gantry.core.time.Ticker;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.ml.Vectors;
import dev.gantry.rag.ingest.Chunker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.search.IndexSearcher;

/**
 * A named, persistent knowledge base: one Lucene index in its own directory with BM25 and vector
 * fields over the same chunks. Reopening the directory restores it.
 *
 * <p>Shared and thread-safe. Any number of {@link #retrieve} calls run concurrently, including
 * during an ingest; they see the state of the last completed ingest. Ingests are serialised: one
 * runs at a time, and it commits all its changes at once or none (on an error the index is rolled
 * back). Within a JVM, use one instance per directory ({@link KnowledgeBases} does this); Lucene's
 * write lock stops a second process from opening the same directory.
 *
 * <p>Embedding is CPU-heavy: callers on an event loop must call {@link #retrieve} and {@link
 * #ingest} on a worker pool.
 */
public final class KnowledgeBase implements AutoCloseable {
  private final String name;
  private final EmbeddingModel model;
  private final RagConfig config;
  private final Clock clock;
  private final Ticker ticker;
  private final Chunker chunker;
  private final ChunkIndex index;
  private final ReentrantLock ingestLock = new ReentrantLock();
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private volatile long generation;

  private KnowledgeBase(
      String name,
      EmbeddingModel model,
      RagConfig config,
      Clock clock,
      Ticker ticker,
      ChunkIndex index) {
    this.name = name;
    this.model = model;
    this.config = config;
    this.clock = clock;
    this.ticker = ticker;
    this.chunker =
        new Chunker(config.chunkTokens(), config.overlapTokens(), TokenCounter.defaultCounter());
    this.index = index;
    String last = index.meta().get(ChunkIndex.LAST_INGEST_KEY);
    this.generation = last == null ? 0 : Long.parseLong(last);
  }

  /**
   * Opens the knowledge base stored in {@code directory}, creating it (and the directory) if
   * absent.
   *
   * @param name the name reported in stats and messages
   * @param clock source of the last-ingest time
   * @param ticker source of elapsed time for ingest reports
   * @throws IllegalStateException if the base was built with a different embedding model
   */
  public static KnowledgeBase open(
      Path directory,
      String name,
      EmbeddingModel model,
      RagConfig config,
      Clock clock,
      Ticker ticker)
      throws IOException {
    Objects.requireNonNull(name, "name");
    Files.createDirectories(directory);
    ChunkIndex index = ChunkIndex.open(directory, model.name(), model.embedder().dimensions());
    return new KnowledgeBase(name, model, config, clock, ticker, index);
  }

  public String name() {
    return name;
  }

  /**
   * Adds or refreshes files. A directory is walked recursively (hidden entries skipped, files of
   * unsupported types counted in {@link IngestReport#skippedFiles()}); a document's id is its path
   * relative to the directory, or its file name when a file is given directly. A document whose
   * bytes and chunking settings are unchanged is skipped; a changed one is replaced; a document
   * previously ingested from the same directory that is no longer there is deleted. Files that fail
   * to parse are reported and leave their previous version in place.
   *
   * @param paths files (.md, .markdown, .txt, .text, .html, .htm, .pdf) and directories
   * @throws java.nio.file.NoSuchFileException if a path does not exist (nothing is committed)
   * @throws IllegalArgumentException if a file given directly has an unsupported type
   */
  public IngestReport ingest(List<Path> paths) throws IOException {
    List<Path> copy = List.copyOf(paths);
    lifecycle.readLock().lock();
    ingestLock.lock();
    try {
      ensureOpen();
      long startNanos = ticker.nanos();
      Map<String, ChunkIndex.Source> existing;
      IndexSearcher s = index.acquire();
      try {
        existing = ChunkIndex.sources(s);
      } finally {
        index.release(s);
      }
      Ingestion run = new Ingestion(index, model, config, chunker, existing);
      try {
        run.run(copy);
        long now = clock.millis();
        index.commit(now);
        generation = Math.max(now, generation + 1);
      } catch (IOException | RuntimeException | Error e) {
        try {
          index.rollback();
        } catch (IOException | RuntimeException r) {
          e.addSuppressed(r);
        }
        throw e;
      }
      return run.report(Duration.ofNanos(ticker.nanos() - startNanos));
    } finally {
      ingestLock.unlock();
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Identifies the base's content: the time of its last ingest commit in epoch milliseconds (0
   * before the first), made to grow with every ingest and kept across restarts. Answers cached from
   * another generation are stale.
   */
  public long generation() {
    return generation;
  }

  /** Hybrid retrieval: {@link #retrieve(String, int, double, SearchMode)} with HYBRID. */
  public List<RetrievedChunk> retrieve(String query, int topK, double minScore) {
    return retrieve(query, topK, minScore, SearchMode.HYBRID);
  }

  /**
   * The chunks most relevant to {@code query}, best first.
   *
   * @param topK the most chunks to return, in [1, 1000]
   * @param minScore the least cosine similarity between query and chunk embeddings, in [-1, 1];
   *     {@code -1} keeps everything the rankers found. It filters on {@link
   *     RetrievedChunk#similarity()} because fused scores depend only on ranks and say nothing
   *     about relevance across queries.
   * @return empty for a blank query or an empty knowledge base
   * @throws UncheckedIOException if the index cannot be read
   */
  public List<RetrievedChunk> retrieve(String query, int topK, double minScore, SearchMode mode) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    if (topK < 1 || topK > 1000) {
      throw new IllegalArgumentException("topK must be in [1, 1000], was " + topK);
    }
    if (!(minScore >= -1 && minScore <= 1)) {
      throw new IllegalArgumentException("minScore must be in [-1, 1], was " + minScore);
    }
    if (query.isBlank()) {
      return List.of();
    }
    float[] unitQuery = Vectors.normalize(model.embedder().embed(query).clone());
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      IndexSearcher s = index.acquire();
      try {
        return Retrieval.run(s, query, unitQuery, topK, minScore, mode, config);
      } finally {
        index.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("knowledge base '" + name + "': search failed", e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Documents, chunks, source bytes, model and last ingest, as of the last commit. */
  public KbStats stats() throws IOException {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      IndexSearcher s = index.acquire();
      try {
        Map<String, ChunkIndex.Source> sources = ChunkIndex.sources(s);
        long bytes = 0;
        for (ChunkIndex.Source src : sources.values()) {
          bytes += src.bytes();
        }
        Map<String, String> meta = index.meta();
        String last = meta.get(ChunkIndex.LAST_INGEST_KEY);
        return new KbStats(
            name,
            sources.size(),
            ChunkIndex.chunkCount(s),
            bytes,
            model.name(),
            model.embedder().dimensions(),
            last == null ? null : Instant.ofEpochMilli(Long.parseLong(last)));
      } finally {
        index.release(s);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Waits for a running ingest, then releases the index. Idempotent. */
  @Override
  public void close() throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        index.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Whether {@link #close} has been called. */
  public boolean isClosed() {
    return closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("knowledge base '" + name + "' is closed");
    }
  }

  @Override
  public String toString() {
    return "KnowledgeBase[" + name + ", " + model.name() + "]";
  }
}
