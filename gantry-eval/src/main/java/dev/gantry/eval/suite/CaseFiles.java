package dev.gantry.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Case files: JSONL (one case object per line) and CSV (a header row naming case fields, shorthand
 * assertions and variables; see {@link SuiteLoader}). Each case comes with where it was found
 * ({@code cases.jsonl line 4}, {@code cases.csv row 5}) for messages. Stateless.
 */
final class CaseFiles {
  private static final Set<String> CSV_COLUMNS =
      Set.of(
          "id",
          "prompt",
          "description",
          "model",
          "threshold",
          "tags",
          "expected_sources",
          "assert");

  private CaseFiles() {}

  /** One case entry and how messages name it. */
  record Entry(JsonNode node, String where) {}

  static List<Entry> read(
      String text, SuiteLoader.Format format, String file, List<String> problems) {
    List<Entry> out = new ArrayList<>();
    if (format == SuiteLoader.Format.JSONL) {
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        String where = file + " line " + (i + 1);
        try {
          out.add(new Entry(Json.MAPPER.readTree(line), where));
        } catch (JsonProcessingException e) {
          problems.add(where + ": not valid JSON: " + e.getOriginalMessage());
        }
      }
      return out;
    }
    List<List<String>> rows;
    try {
      rows = Csv.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(file + ": " + e.getMessage());
      return out;
    }
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = new ArrayList<>();
    for (String h : rows.get(0)) {
      header.add(h.strip());
    }
    for (int r = 1; r < rows.size(); r++) {
      String where = file + " row " + (r + 1);
      List<String> row = rows.get(r);
      if (row.size() != header.size()) {
        problems.add(where + ": has " + row.size() + " fields but the header has " + header.size());
        continue;
      }
      try {
        out.add(new Entry(csvCase(header, row, where), where));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return out;
  }

  private static ObjectNode csvCase(List<String> header, List<String> row, String where) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    ObjectNode vars = JsonNodeFactory.instance.objectNode();
    ArrayNode asserts = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i);
      String cell = row.get(i);
      if (column.equals("expected")
          || column.startsWith("expected_") && !column.equals("expected_sources")) {
        if (!cell.isBlank()) {
          asserts.add(shorthand(cell));
        }
      } else if (column.equals("assert")) {
        if (!cell.isBlank()) {
          try {
            JsonNode list = Json.MAPPER.readTree(cell);
            if (!list.isArray()) {
              throw new IllegalArgumentException(
                  where + ".assert: expected a JSON list of assertions");
            }
            asserts.addAll((ArrayNode) list);
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                where + ".assert: not valid JSON: " + e.getOriginalMessage());
          }
        }
      } else if (column.equals("tags") || column.equals("expected_sources")) {
        ArrayNode list = c.putArray(column);
        for (String part : cell.split(";")) {
          if (!part.isBlank()) {
            list.add(part.strip());
          }
        }
      } else if (CSV_COLUMNS.contains(column)) {
        if (!cell.isEmpty()) {
          c.put(column, cell);
        }
      } else {
        vars.put(column, cell);
      }
    }
    if (!vars.isEmpty()) {
      c.set("vars", vars);
    }
    if (!asserts.isEmpty()) {
      c.set("assert", asserts);
    }
    return c;
  }

  /** {@code icontains: Paris} → {type: icontains, value: Paris}; anything else → equals. */
  private static ObjectNode shorthand(String cell) {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    String t = cell.strip();
    if (AssertionParser.canonicalType(t) != null) {
      a.put("type", t);
      return a;
    }
    int colon = t.indexOf(':');
    if (colon > 0 && AssertionParser.canonicalType(t.substring(0, colon)) != null) {
      a.put("type", t.substring(0, colon).strip());
      a.put("value", t.substring(colon + 1).strip());
      return a;
    }
    a.put("type", "equals");
    a.put("value", cell);
    return a;
  }
}
