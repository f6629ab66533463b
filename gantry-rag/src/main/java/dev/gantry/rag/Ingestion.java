package dev.gantry.rag;

import dev.gantry.ml.Vectors;
import dev.gantry.rag.ingest.Chunk;
import dev.gantry.rag.ingest.Chunker;
import dev.gantry.rag.ingest.DocumentFormat;
import dev.gantry.rag.ingest.ParsedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;

/**
 * One ingest run: walks the given paths, skips files whose content hash and chunking settings are
 * unchanged, parses and chunks the rest, embeds chunks in batches and writes each document's chunks
 * and source record as one update; documents that vanished from a re-ingested directory are
 * deleted. Nothing is committed here. Single use, one thread.
 */
final class Ingestion {
  private record Pending(ChunkIndex.Source source, String title, List<Chunk> chunks) {}

  private final ChunkIndex index;
  private final EmbeddingModel model;
  private final RagConfig config;
  private final Chunker chunker;
  private final String pipeline;
  private final Map<String, ChunkIndex.Source> existing;

  private final List<String> added = new ArrayList<>();
  private final List<String> updated = new ArrayList<>();
  private final List<String> unchanged = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final List<IngestReport.Failure> failures = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private int pendingChunks;
  private int skippedFiles;
  private int chunksWritten;

  Ingestion(
      ChunkIndex index,
      EmbeddingModel model,
      RagConfig config,
      Chunker chunker,
      Map<String, ChunkIndex.Source> existing) {
    this.index = index;
    this.model = model;
    this.config = config;
    this.chunker = chunker;
    this.pipeline =
        "chunker=1;tokens=" + config.chunkTokens() + ";overlap=" + config.overlapTokens();
    this.existing = existing;
  }

  /** Ingests every path; directories recurse (hidden files and folders are skipped). */
  void run(List<Path> paths) throws IOException {
    for (Path p : paths) {
      Path root = p.toAbsolutePath().normalize();
      if (Files.isDirectory(root)) {
        ingestDirectory(root);
      } else if (Files.isRegularFile(root)) {
        Optional<DocumentFormat> format = DocumentFormat.of(root.getFileName().toString());
        if (format.isEmpty()) {
          throw new IllegalArgumentException(
              "unsupported file type: "
                  + root.getFileName()
                  + " (supported: .md, .txt, .html, .pdf)");
        }
        ingestFile(root.toString(), root, root.getFileName().toString(), format.get());
      } else {
        throw new NoSuchFileException(p.toString());
      }
    }
    flush();
  }

  IngestReport report(Duration elapsed) {
    return new IngestReport(
        added, updated, unchanged, removed, failures, skippedFiles, chunksWritten, elapsed);
  }

  private void ingestDirectory(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !hidden(root.relativize(f)))
              .sorted()
              .collect(Collectors.toList());
    }
    Set<String> here = new HashSet<>();
    for (Path f : files) {
      Optional<DocumentFormat> format = DocumentFormat.of(f.getFileName().toString());
      if (format.isEmpty()) {
        skippedFiles++;
        continue;
      }
      String id = documentId(root.relativize(f));
      here.add(id);
      ingestFile(root.toString(), f, id, format.get());
    }
    for (ChunkIndex.Source s : existing.values()) {
      if (s.root().equals(root.toString())
          && !here.contains(s.document())
          && seen.add(s.document())) {
        index.delete(s.document());
        removed.add(s.document());
      }
    }
  }

  private void ingestFile(String root, Path file, String id, DocumentFormat format)
      throws IOException {
    if (!seen.add(id)) {
      failures.add(new IngestReport.Failure(id, "ingested twice in one run; kept the first"));
      return;
    }
    byte[] bytes;
    ParsedDocument doc;
    String hash;
    try {
      bytes = Files.readAllBytes(file);
      hash = sha256(bytes);
      ChunkIndex.Source old = existing.get(id);
      if (old != null
          && old.hash().equals(hash)
          && old.pipeline().equals(pipeline)
          && old.root().equals(root)) {
        unchanged.add(id);
        return;
      }
      doc = format.parse(bytes, file.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      failures.add(new IngestReport.Failure(id, String.valueOf(e.getMessage())));
      return;
    }
    (existing.containsKey(id) ? updated : added).add(id);
    List<Chunk> chunks = chunker.chunk(doc);
    ChunkIndex.Source source =
        new ChunkIndex.Source(id, root, hash, pipeline, bytes.length, chunks.size());
    pending.add(new Pending(source, doc.title(), chunks));
    pendingChunks += chunks.size();
    if (pendingChunks >= config.embedBatchSize()) {
      flush();
    }
  }

  /** Embeds the pending documents' chunks and writes each document as one update. */
  private void flush() throws IOException {
    List<String> texts = new ArrayList<>(pendingChunks);
    for (Pending p : pending) {
      for (Chunk c : p.chunks()) {
        texts.add(c.text());
      }
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += config.embedBatchSize()) {
      List<String> batch = texts.subList(i, Math.min(texts.size(), i + config.embedBatchSize()));
      vectors.addAll(model.embedder().embedAll(batch));
    }
    int v = 0;
    for (Pending p : pending) {
      List<Document> docs = new ArrayList<>(p.chunks().size() + 1);
      for (Chunk c : p.chunks()) {
        float[] unit = Vectors.normalize(vectors.get(v++).clone());
        docs.add(ChunkIndex.chunkDocument(p.source().document(), p.title(), c, unit));
      }
      docs.add(ChunkIndex.sourceDocument(p.source()));
      index.replace(p.source().document(), docs);
      chunksWritten += p.chunks().size();
    }
    pending.clear();
    pendingChunks = 0;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String documentId(Path relative) {
    List<String> parts = new ArrayList<>();
    for (Path part : relative) {
      parts.add(part.toString());
    }
    return String.join("/", parts);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
