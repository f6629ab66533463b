package dev.gantry.rag;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one ingest did. Document ids are paths relative to the ingested root.
 *
 * @param added documents new to the knowledge base
 * @param updated documents whose content (or the chunking settings) changed and were re-processed
 * @param unchanged documents skipped because their content hash matched
 * @param removed documents deleted because they are gone from a re-ingested directory
 * @param failures files that could not be read or parsed; the knowledge base keeps their previous
 *     version, if any
 * @param skippedFiles files in the ingested directories with an unsupported extension
 * @param chunks chunks written (embedded and indexed) by this ingest
 * @param elapsed wall time of the whole ingest
 */
public record IngestReport(
    List<String> added,
    List<String> updated,
    List<String> unchanged,
    List<String> removed,
    List<Failure> failures,
    int skippedFiles,
    int chunks,
    Duration elapsed) {
  public IngestReport {
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    unchanged = List.copyOf(unchanged);
    removed = List.copyOf(removed);
    failures = List.copyOf(failures);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * A file that could not be ingested.
   *
   * @param document its document id
   * @param reason the error message
   */
  public record Failure(String document, String reason) {}
}
