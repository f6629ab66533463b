package dev.gantry.rag;

import java.time.Instant;
import java.util.Objects;

/**
 * Size and provenance of one knowledge base.
 *
 * @param name the knowledge base's name
 * @param documents documents indexed
 * @param chunks chunks indexed
 * @param bytes total size of the ingested source files, in bytes
 * @param model the embedding model's name
 * @param dimensions the embedding vector length
 * @param lastIngest when the last ingest committed; null if none has
 */
public record KbStats(
    String name,
    int documents,
    int chunks,
    long bytes,
    String model,
    int dimensions,
    Instant lastIngest) {
  public KbStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
  }
}
