package dev.gantry.eval.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the cases of an earlier run from its {@code report.json}: per case {@code id}, {@code
 * passed}, {@code score}, {@code latency_ms}, {@code cost_usd} and the {@code type} and {@code
 * score} of each assertion. Stateless.
 */
public final class BaselineReader {
  private BaselineReader() {}

  /**
   * @throws IOException when the file cannot be read or is not an eval report
   */
  public static List<CaseRecord> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IOException("baseline not found: " + file);
    } catch (IOException e) {
      throw new IOException("baseline " + file + " is not JSON: " + e.getMessage());
    }
    JsonNode cases = root == null ? null : root.get("cases");
    if (cases == null || !cases.isArray()) {
      throw new IOException(
          "baseline " + file + " is not a gantry eval report.json (it has no cases list)");
    }
    List<CaseRecord> out = new ArrayList<>();
    for (JsonNode c : cases) {
      if (!c.path("id").isTextual() || !c.path("passed").isBoolean()) {
        throw new IOException("baseline " + file + ": a case lacks id or passed");
      }
      Map<String, double[]> sums = new HashMap<>();
      for (JsonNode a : c.path("assertions")) {
        if (a.path("type").isTextual() && a.path("score").isNumber()) {
          double[] s = sums.computeIfAbsent(a.get("type").asText(), k -> new double[2]);
          s[0] += a.get("score").doubleValue();
          s[1]++;
        }
      }
      Map<String, Double> byType = new HashMap<>();
      sums.forEach((k, v) -> byType.put(k, v[0] / v[1]));
      BigDecimal cost = null;
      if (c.path("cost_usd").isTextual() || c.path("cost_usd").isNumber()) {
        try {
          cost = new BigDecimal(c.get("cost_usd").asText());
        } catch (NumberFormatException e) {
          cost = null;
        }
      }
      out.add(
          new CaseRecord(
              c.get("id").asText(),
              c.get("passed").booleanValue(),
              c.path("score").asDouble(0),
              c.path("latency_ms").isNumber() ? c.get("latency_ms").longValue() : null,
              cost,
              byType));
    }
    return out;
  }
}
