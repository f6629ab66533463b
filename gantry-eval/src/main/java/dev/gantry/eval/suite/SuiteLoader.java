package dev.gantry.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionParser;
import dev.gantry.eval.internal.Fields;
import dev.gantry.eval.judge.JudgeSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a suite. Three formats, chosen by file extension:
 *
 * <ul>
 *   <li>YAML ({@code .yaml}, {@code .yml}): {@code name}, {@code description}, {@code target}
 *       ({@code url}, {@code model}, {@code key_env}), {@code defaults}, {@code concurrency},
 *       {@code timeout_ms}, {@code retries}, {@code thresholds}, {@code judge} and {@code cases},
 *       either a list or the name of a JSONL or CSV file next to the suite.
 *   <li>JSONL ({@code .jsonl}): one case object per line; blank lines and lines starting with
 *       {@code #} are skipped. Suite settings then come from the command line.
 *   <li>CSV ({@code .csv}): a header row, then one case per row. Columns {@code id}, {@code
 *       prompt}, {@code description}, {@code model}, {@code threshold}, {@code tags} and {@code
 *       expected_sources} (both split on {@code ;}), {@code assert} (a JSON list of assertions),
 *       and {@code expected}/{@code expected_*} holding a shorthand {@code <type>: <value>} (or
 *       just a value, meaning {@code equals}); every other column is a variable.
 * </ul>
 *
 * Every problem is collected and thrown at once in a {@link SuiteException}. Stateless and
 * thread-safe.
 */
public final class SuiteLoader {
  /** Suite file formats. */
  public enum Format {
    YAML,
    JSONL,
    CSV;

    /** The format of a file name, by extension; YAML when unknown. */
    public static Format of(String fileName) {
      String n = fileName.toLowerCase(Locale.ROOT);
      if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
        return JSONL;
      }
      if (n.endsWith(".csv")) {
        return CSV;
      }
      return YAML;
    }
  }

  private static final List<String> TOP =
      List.of(
          "name",
          "description",
          "target",
          "defaults",
          "concurrency",
          "timeout_ms",
          "retries",
          "thresholds",
          "judge",
          "cases");
  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
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

  private SuiteLoader() {}

  /** Reads and validates the suite in {@code file}. */
  public static Suite load(Path file) throws SuiteException {
    String name = file.toString();
    return parse(read(file, name), Format.of(name), name, file.toAbsolutePath().getParent());
  }

  /**
   * Parses suite text.
   *
   * @param source how messages name the input
   * @param baseDir where a YAML suite's case file is looked up; may be null
   */
  public static Suite parse(String text, Format format, String source, Path baseDir)
      throws SuiteException {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    List<Entry> entries;
    if (format == Format.YAML) {
      root = yaml(text, source);
      if (root == null || !root.isObject()) {
        throw new SuiteException(
            source, "expected a mapping with cases, got " + Fields.describe(root));
      }
      entries = yamlCases(root.get("cases"), baseDir, source, problems);
    } else {
      root = JsonNodeFactory.instance.objectNode();
      entries = caseFile(text, format, fileName(source), problems);
    }
    Suite suite = build(root, entries, stem(source), source, problems);
    if (!problems.isEmpty()) {
      throw new SuiteException(source, new ArrayList<>(new LinkedHashSet<>(problems)));
    }
    return suite;
  }

  private record Entry(JsonNode node, String where) {}

  private static Suite build(
      JsonNode root,
      List<Entry> entries,
      String defaultName,
      String source,
      List<String> problems) {
    try {
      Fields.onlyKeys(root, "", TOP);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String name = defaultName;
    String description = null;
    Target target = Target.NONE;
    int concurrency = Suite.DEFAULT_CONCURRENCY;
    long timeoutMs = Suite.DEFAULT_TIMEOUT_MS;
    int retries = Suite.DEFAULT_RETRIES;
    Thresholds thresholds = Thresholds.DEFAULT;
    JudgeSettings judge = JudgeSettings.DEFAULTS;
    JsonNode defaults = JsonNodeFactory.instance.objectNode();
    try {
      if (!Fields.absent(root.get("name"))) {
        name = Fields.nonBlank(root.get("name"), "name");
      }
      if (!Fields.absent(root.get("description"))) {
        description = Fields.text(root.get("description"), "description");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      target = target(root.get("target"));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      if (!Fields.absent(root.get("concurrency"))) {
        concurrency = (int) Fields.integer(root.get("concurrency"), "concurrency", 1, 256);
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      if (!Fields.absent(root.get("timeout_ms"))) {
        timeoutMs = Fields.integer(root.get("timeout_ms"), "timeout_ms", 1, 3_600_000);
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      if (!Fields.absent(root.get("retries"))) {
        retries = (int) Fields.integer(root.get("retries"), "retries", 0, 10);
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    boolean thresholdsGiven = !Fields.absent(root.get("thresholds"));
    try {
      if (thresholdsGiven) {
        thresholds = thresholds(root.get("thresholds"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      judge = judge(root.get("judge"));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String defaultModel = target.model();
    try {
      JsonNode d = root.get("defaults");
      if (!Fields.absent(d)) {
        Fields.onlyKeys(d, "defaults", CaseReader.DEFAULT_FIELDS);
        defaults = d;
        if (!Fields.absent(d.get("model"))) {
          defaultModel = Fields.nonBlank(d.get("model"), "defaults.model").strip();
        }
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    CaseReader reader = new CaseReader(defaults, judge, problems);
    List<EvalCase> cases = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      EvalCase c = reader.read(entries.get(i).node(), entries.get(i).where(), i);
      if (c != null) {
        cases.add(c);
      }
    }
    if (entries.isEmpty() && problems.isEmpty()) {
      problems.add("cases: the suite has no cases");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new Suite(
        name,
        source,
        description,
        target,
        defaultModel,
        concurrency,
        timeoutMs,
        retries,
        thresholds,
        thresholdsGiven,
        judge,
        cases);
  }

  private static Target target(JsonNode n) {
    if (Fields.absent(n)) {
      return Target.NONE;
    }
    Fields.onlyKeys(n, "target", List.of("url", "model", "key_env"));
    String url =
        Fields.absent(n.get("url")) ? null : Fields.nonBlank(n.get("url"), "target.url").strip();
    if (url != null && !url.matches("(?i)https?://\\S+")) {
      throw Fields.invalid("target.url", "an http:// or https:// URL", n.get("url"));
    }
    return new Target(
        url,
        Fields.absent(n.get("model"))
            ? null
            : Fields.nonBlank(n.get("model"), "target.model").strip(),
        Fields.absent(n.get("key_env"))
            ? null
            : Fields.nonBlank(n.get("key_env"), "target.key_env").strip());
  }

  private static Thresholds thresholds(JsonNode n) {
    Fields.onlyKeys(
        n, "thresholds", List.of("pass_rate", "mean_score", "p95_latency_ms", "total_cost_usd"));
    Double passRate =
        Fields.absent(n.get("pass_rate"))
            ? null
            : Fields.number(n.get("pass_rate"), "thresholds.pass_rate", 0, 1);
    Map<String, Double> mean = new LinkedHashMap<>();
    JsonNode m = n.get("mean_score");
    if (!Fields.absent(m)) {
      if (!m.isObject()) {
        throw Fields.invalid(
            "thresholds.mean_score", "a mapping of assertion type to minimum mean score", m);
      }
      Iterator<Map.Entry<String, JsonNode>> it = m.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String label = AssertionParser.label(e.getKey());
        if (label == null) {
          throw new IllegalArgumentException(
              "thresholds.mean_score."
                  + e.getKey()
                  + ": unknown assertion type; known types: "
                  + String.join(", ", AssertionParser.TYPES));
        }
        mean.put(label, Fields.number(e.getValue(), "thresholds.mean_score." + e.getKey(), 0, 1));
      }
    }
    Long p95 =
        Fields.absent(n.get("p95_latency_ms"))
            ? null
            : Fields.integer(n.get("p95_latency_ms"), "thresholds.p95_latency_ms", 1, 86_400_000L);
    BigDecimal cost =
        Fields.absent(n.get("total_cost_usd"))
            ? null
            : Fields.decimal(n.get("total_cost_usd"), "thresholds.total_cost_usd");
    return new Thresholds(passRate, mean, p95, cost);
  }

  private static JudgeSettings judge(JsonNode n) {
    if (Fields.absent(n)) {
      return JudgeSettings.DEFAULTS;
    }
    Fields.onlyKeys(n, "judge", List.of("model", "scale", "threshold", "instructions"));
    JudgeSettings d = JudgeSettings.DEFAULTS;
    int min = d.scaleMin();
    int max = d.scaleMax();
    JsonNode scale = n.get("scale");
    if (!Fields.absent(scale)) {
      if (scale.isArray() && scale.size() == 2) {
        min = (int) Fields.integer(scale.get(0), "judge.scale[0]", -1000, 1000);
        max = (int) Fields.integer(scale.get(1), "judge.scale[1]", -1000, 1000);
      } else if (scale.isObject()) {
        Fields.onlyKeys(scale, "judge.scale", List.of("min", "max"));
        min = (int) Fields.integer(scale.get("min"), "judge.scale.min", -1000, 1000);
        max = (int) Fields.integer(scale.get("max"), "judge.scale.max", -1000, 1000);
      } else {
        throw Fields.invalid("judge.scale", "[min, max] or {min, max}", scale);
      }
      if (max <= min) {
        throw new IllegalArgumentException(
            "judge.scale: max must be greater than min, got " + min + ".." + max);
      }
    }
    return new JudgeSettings(
        Fields.absent(n.get("model"))
            ? null
            : Fields.nonBlank(n.get("model"), "judge.model").strip(),
        min,
        max,
        Fields.absent(n.get("threshold"))
            ? d.threshold()
            : Fields.number(n.get("threshold"), "judge.threshold", 0, 1),
        Fields.absent(n.get("instructions"))
            ? null
            : Fields.text(n.get("instructions"), "judge.instructions"));
  }

  private static List<Entry> yamlCases(
      JsonNode cases, Path baseDir, String source, List<String> problems) throws SuiteException {
    List<Entry> out = new ArrayList<>();
    if (Fields.absent(cases)) {
      problems.add(
          "cases: the suite has no cases (give a list, or the name of a .jsonl or .csv file)");
      return out;
    }
    if (cases.isTextual()) {
      String file = cases.textValue().strip();
      Format format = Format.of(file);
      if (format == Format.YAML) {
        problems.add("cases: a case file must be .jsonl or .csv, got \"" + file + "\"");
        return out;
      }
      Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
      return caseFile(read(path, source + ": cases: " + file), format, file, problems);
    }
    if (!cases.isArray()) {
      problems.add(Fields.invalid("cases", "a list of cases or a file name", cases).getMessage());
      return out;
    }
    for (int i = 0; i < cases.size(); i++) {
      out.add(new Entry(cases.get(i), "cases[" + i + "]"));
    }
    return out;
  }

  private static List<Entry> caseFile(
      String text, Format format, String file, List<String> problems) {
    List<Entry> out = new ArrayList<>();
    if (format == Format.JSONL) {
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

  private static JsonNode yaml(String text, String source) throws SuiteException {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new SuiteException(source, "not valid YAML" + where + ": " + e.getOriginalMessage());
    }
  }

  private static String read(Path file, String source) throws SuiteException {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SuiteException(source, "file not found: " + file);
    } catch (IOException e) {
      throw new SuiteException(source, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String fileName(String source) {
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return source.substring(slash + 1);
  }

  private static String stem(String source) {
    String n = fileName(source);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
