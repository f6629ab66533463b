package dev.gantry.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * JSON documents on disk under {@code dir/<first two hex digits>/<key>.json}, keyed by a hex hash.
 * Writes go to a temporary file that is then moved into place, so a reader never sees half a file
 * and concurrent writers of the same key leave one whole value. An unreadable or corrupt entry
 * reads as a miss. Thread-safe; several processes may share a directory.
 */
public final class DiskCache {
  private final Path dir;

  public DiskCache(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path dir() {
    return dir;
  }

  /** The stored document, or null when there is none (or it cannot be read). */
  public JsonNode get(String key) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      return null;
    }
  }

  /** Stores {@code value} under {@code key}, replacing any previous one. */
  public void put(String key, JsonNode value) {
    Path file = file(key);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), key.substring(0, 8), ".tmp");
      Files.write(tmp, Json.toBytes(value));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cache entry " + file, e);
    }
  }

  private Path file(String key) {
    if (!key.matches("[0-9a-f]{16,128}")) {
      throw new IllegalArgumentException("cache keys are hex hashes, got " + key);
    }
    return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
  }
}
