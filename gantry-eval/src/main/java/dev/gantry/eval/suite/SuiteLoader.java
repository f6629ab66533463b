package dev.gantry.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantry.eval.internal.Fields;
import dev.gantry.eval.judge.JudgeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

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
    List<CaseFiles.Entry> entries;
    if (format == Format.YAML) {
      root = yaml(text, source);
      if (root == null || !root.isObject()) {
        throw new SuiteException(
            source, "expected a mapping with cases, got " + Fields.describe(root));
      }
      entries = yamlCases(root.get("cases"), baseDir, source, problems);
    } else {
      root = JsonNodeFactory.instance.objectNode();
      entries = CaseFiles.read(text, format, fileName(source), problems);
    }
    Suite suite = build(root, entries, stem(source), source, problems);
    if (!problems.isEmpty()) {
      throw new SuiteException(source, new ArrayList<>(new LinkedHashSet<>(problems)));
    }
    return suite;
  }

  private static Suite build(
      JsonNode root,
      List<CaseFiles.Entry> entries,
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
      target = SuiteSettings.target(root.get("target"));
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
        thresholds = SuiteSettings.thresholds(root.get("thresholds"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      judge = SuiteSettings.judge(root.get("judge"));
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

  private static List<CaseFiles.Entry> yamlCases(
      JsonNode cases, Path baseDir, String source, List<String> problems) throws SuiteException {
    List<CaseFiles.Entry> out = new ArrayList<>();
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
      return CaseFiles.read(read(path, source + ": cases: " + file), format, file, problems);
    }
    if (!cases.isArray()) {
      problems.add(Fields.invalid("cases", "a list of cases or a file name", cases).getMessage());
      return out;
    }
    for (int i = 0; i < cases.size(); i++) {
      out.add(new CaseFiles.Entry(cases.get(i), "cases[" + i + "]"));
    }
    return out;
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
