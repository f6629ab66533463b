package dev.gantry.guardrails.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.checks.SafetyGuardrail;
import dev.gantry.ml.Embedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads JSON lines with a {@code text} field and writes, for each, one line {@code {"results":
 * {"<check>": {"flagged", "score", "spans": [{"start","end","type"}]}}}} in input order (spans are
 * UTF-16 offsets into the text); the safety check adds {@code "categories"} (the names of the
 * categories that triggered) and {@code "category_scores"} (every category's score). A line that is
 * not a JSON object with a string {@code text} gets {@code {"error": "..."}} in its place. Lines
 * are processed in batches, each line's checks on one of the threads (its embedding computed once,
 * shared by the checks), in parallel on the given executor. Not thread-safe; one scan at a time.
 */
public final class BatchScanner {
  /** Counts of one scan. */
  public record Stats(long lines, long errors, long flagged, long nanos) {
    /** Lines per second. */
    public double rate() {
      return nanos == 0 ? 0 : lines * 1e9 / nanos;
    }
  }

  private final List<InputGuardrail> checks;
  private final Embedder embedder;
  private final Executor pool;
  private final int parallelism;
  private final int batch;

  /**
   * @param checks the checks, each built to flag (not block or redact)
   * @param embedder the embedder the checks share, or null when none needs one
   * @param parallelism how many threads of {@code pool} to use for one batch
   */
  public BatchScanner(
      List<InputGuardrail> checks, Embedder embedder, Executor pool, int parallelism, int batch) {
    this.checks = List.copyOf(checks);
    this.embedder = embedder;
    this.pool = pool;
    this.parallelism = Math.max(1, parallelism);
    this.batch = Math.max(1, batch);
  }

  public Stats scan(BufferedReader in, Writer out) throws IOException {
    long start = System.nanoTime();
    long lines = 0;
    long errors = 0;
    long flagged = 0;
    List<String> pending = new ArrayList<>(batch);
    String line;
    boolean more = true;
    while (more) {
      line = in.readLine();
      if (line != null) {
        pending.add(line);
      } else {
        more = false;
      }
      if (pending.size() == batch || (!more && !pending.isEmpty())) {
        for (ObjectNode result : process(pending, lines)) {
          if (result.has("error")) {
            errors++;
          } else if (anyFlagged(result)) {
            flagged++;
          }
          out.write(Json.toString(result));
          out.write('\n');
        }
        lines += pending.size();
        pending.clear();
      }
    }
    out.flush();
    return new Stats(lines, errors, flagged, System.nanoTime() - start);
  }

  private static boolean anyFlagged(ObjectNode result) {
    for (JsonNode r : result.path("results")) {
      if (r.path("flagged").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  private List<ObjectNode> process(List<String> lines, long firstLine) {
    String[] texts = new String[lines.size()];
    ObjectNode[] out = new ObjectNode[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      JsonNode node = Json.tryParse(lines.get(i).getBytes(StandardCharsets.UTF_8));
      if (node == null || !node.isObject() || !node.path("text").isTextual()) {
        out[i] = Json.MAPPER.createObjectNode();
        out[i].put(
            "error",
            "line " + (firstLine + i + 1) + ": expected a JSON object with a string field 'text'");
      } else {
        texts[i] = node.get("text").asText();
      }
    }
    // Each text is embedded (once, shared by its checks) on the thread that checks it, so the
    // embedding work spreads over the threads like the rest.
    GuardText[] guardTexts = new GuardText[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      if (texts[i] != null) {
        guardTexts[i] = new GuardText(texts[i], embedder);
      }
    }
    // Each thread takes the next line when it is free, so long and short texts balance out.
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<CompletableFuture<Void>> parts = new ArrayList<>();
    for (int p = 0; p < Math.min(parallelism, lines.size()); p++) {
      parts.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = next.getAndIncrement(); i < lines.size(); i = next.getAndIncrement()) {
                  if (guardTexts[i] != null) {
                    out[i] = results(guardTexts[i]);
                  }
                }
              },
              pool));
    }
    try {
      CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io;
      }
      throw e;
    }
    return List.of(out);
  }

  private ObjectNode results(GuardText text) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    ObjectNode results = line.putObject("results");
    for (InputGuardrail check : checks) {
      SafetyGuardrail.Outcome safety = check instanceof SafetyGuardrail s ? s.evaluate(text) : null;
      GuardrailResult r = safety != null ? safety.result() : check.check(text);
      ObjectNode o = results.putObject(check.name());
      o.put("flagged", r.triggered());
      o.put("score", round(r.score()));
      if (safety != null) {
        ArrayNode flagged = o.putArray("categories");
        safety.flagged().forEach(c -> flagged.add(c.configName()));
        ObjectNode scores = o.putObject("category_scores");
        safety.verdict().scores().forEach((c, v) -> scores.put(c.configName(), round(v)));
      }
      ArrayNode spans = o.putArray("spans");
      for (GuardrailResult.Span s : r.spans()) {
        ObjectNode span = spans.addObject();
        span.put("start", s.start());
        span.put("end", s.end());
        span.put("type", s.type());
      }
    }
    return line;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
