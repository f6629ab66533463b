package dev.gantry.guardrails.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.checks.GroundingGuardrail;
import dev.gantry.guardrails.grounding.GroundingJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON lines {@code {"text": answer, "sources": ["...", ...], "question": optional}} and
 * writes, for each, {@code {"results": {"grounding": {"flagged", "score", "grounded", "claims":
 * [...]}}}} in input order (the claims as in an answer's {@code gantry_grounding}). A line without
 * a string {@code text} and an array of string {@code sources} gets {@code {"error": "..."}}.
 * Single-threaded (a check costs about a millisecond); one scan at a time.
 */
public final class GroundingScanner {
  private final GroundingGuardrail check;

  /**
   * @param check built to flag
   */
  public GroundingScanner(GroundingGuardrail check) {
    this.check = check;
  }

  public BatchScanner.Stats scan(BufferedReader in, Writer out) throws IOException {
    long start = System.nanoTime();
    long lines = 0;
    long errors = 0;
    long flagged = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lines++;
      ObjectNode result = line(line, lines);
      if (result.has("error")) {
        errors++;
      } else if (result.path("results").path("grounding").path("flagged").asBoolean()) {
        flagged++;
      }
      out.write(Json.toString(result));
      out.write('\n');
    }
    out.flush();
    return new BatchScanner.Stats(lines, errors, flagged, System.nanoTime() - start);
  }

  private ObjectNode line(String line, long number) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    JsonNode node = Json.tryParse(line.getBytes(StandardCharsets.UTF_8));
    List<String> sources = new ArrayList<>();
    boolean valid =
        node != null
            && node.isObject()
            && node.path("text").isTextual()
            && node.path("sources").isArray();
    for (JsonNode s : valid ? node.get("sources") : Json.MAPPER.createArrayNode()) {
      valid &= s.isTextual();
      sources.add(s.asText());
    }
    if (!valid) {
      return out.put(
          "error",
          "line "
              + number
              + ": expected a JSON object with a string field 'text' and an array of strings"
              + " 'sources'");
    }
    String question = node.path("question").asText("");
    CheckContext context =
        new CheckContext("output", "assistant", "", "", "", List.of(), Map.of(), question, sources);
    GroundingGuardrail.Outcome o =
        check.evaluate(new OutputText(node.get("text").asText(), true, null, null, context));
    ObjectNode g = out.putObject("results").putObject("grounding");
    g.put("flagged", o.result().triggered());
    g.put("score", Math.round(o.result().score() * 10_000) / 10_000.0);
    if (o.report() != null) {
      g.setAll(GroundingJson.of(o.report()));
      g.put("score", Math.round(o.report().score() * 10_000) / 10_000.0);
    }
    return out;
  }
}
