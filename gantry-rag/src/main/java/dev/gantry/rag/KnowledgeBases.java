package dev.gantry.rag;

import dev.gantry.core.time.Ticker;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The knowledge bases under one data directory, each in {@code <dataDir>/kb/<name>/}. Hands out one
 * shared {@link KnowledgeBase} per name, opening it on first use. Names are 1–64 characters of
 * lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit.
 *
 * <p>Thread-safe; opening and dropping are serialised. Close it to release every open base.
 */
public final class KnowledgeBases implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final Path root;
  private final EmbeddingModel model;
  private final RagConfig config;
  private final Clock clock;
  private final Ticker ticker;
  private final Map<String, KnowledgeBase> open = new HashMap<>();

  /** With the system clock and ticker. */
  public KnowledgeBases(Path dataDir, EmbeddingModel model, RagConfig config) {
    this(dataDir, model, config, Clock.systemUTC(), Ticker.SYSTEM);
  }

  public KnowledgeBases(
      Path dataDir, EmbeddingModel model, RagConfig config, Clock clock, Ticker ticker) {
    this.root = dataDir.resolve("kb");
    this.model = model;
    this.config = config;
    this.clock = clock;
    this.ticker = ticker;
  }

  /** The knowledge base {@code name}, created empty if it does not exist. */
  public synchronized KnowledgeBase open(String name) throws IOException {
    check(name);
    KnowledgeBase kb = open.get(name);
    if (kb == null || kb.isClosed()) {
      kb = KnowledgeBase.open(root.resolve(name), name, model, config, clock, ticker);
      open.put(name, kb);
    }
    return kb;
  }

  /** Whether a knowledge base called {@code name} exists on disk. */
  public synchronized boolean exists(String name) {
    return NAME.matcher(name).matches() && Files.isDirectory(root.resolve(name));
  }

  /** Names of the knowledge bases on disk, sorted. */
  public synchronized List<String> list() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .forEach(names::add);
    }
    return names;
  }

  /** Stats of {@code name}, opening it if needed; empty if it does not exist. */
  public Optional<KbStats> stats(String name) throws IOException {
    if (!exists(name)) {
      return Optional.empty();
    }
    return Optional.of(open(name).stats());
  }

  /**
   * Closes {@code name} (after any running ingest) and deletes its directory.
   *
   * @return false if there was no such knowledge base
   */
  public synchronized boolean drop(String name) throws IOException {
    check(name);
    KnowledgeBase kb = open.remove(name);
    if (kb != null) {
      kb.close();
    }
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
    return true;
  }

  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    for (KnowledgeBase kb : open.values()) {
      try {
        kb.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "knowledge base name must match " + NAME.pattern() + ", was '" + name + "'");
    }
  }
}
