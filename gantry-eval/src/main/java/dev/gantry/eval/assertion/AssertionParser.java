package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gantry.eval.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds an {@link AssertionSpec} from one entry of a suite's {@code assert} list. Every entry has
 * {@code type} (optionally prefixed {@code not-}), and may have {@code value}, {@code weight}
 * (default 1), {@code negate} and, for scored types, {@code threshold}; a few types take one more
 * field ({@code mode}, {@code path}, {@code k}, {@code check}). Unknown fields are errors. Problems
 * are thrown as {@link IllegalArgumentException} whose message starts with the field name relative
 * to the entry (the caller puts the entry's path in front). Stateless and thread-safe.
 */
public final class AssertionParser {
  private static final Set<String> COMMON = Set.of("type", "value", "weight", "negate");
  private static final Map<String, String> ALIASES =
      Map.of(
          "hit@k", "hit-at-k",
          "retrieval-hit", "hit-at-k",
          "retrieval-mrr", "mrr",
          "json-path-equals", "json-path",
          "rougel", "rouge-l",
          "f1", "token-f1");
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** Every type name a suite may use, in documentation order. */
  public static final List<String> TYPES =
      List.of(
          "equals",
          "contains",
          "icontains",
          "contains-any",
          "contains-all",
          "icontains-any",
          "icontains-all",
          "regex",
          "starts-with",
          "is-json",
          "json-schema",
          "json-path",
          "similar",
          "exact-match",
          "token-f1",
          "rouge-l",
          "latency",
          "cost",
          "is-refusal",
          "i-dont-know",
          "guardrail",
          "hit-at-k",
          "mrr",
          "llm-rubric");

  private static final Map<String, Set<String>> EXTRA = extraFields();

  private AssertionParser() {}

  private static Map<String, Set<String>> extraFields() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (String t : TYPES) {
      m.put(t, Set.of());
    }
    m.put("contains", Set.of("mode"));
    m.put("icontains", Set.of("mode"));
    m.put("json-path", Set.of("path"));
    m.put("hit-at-k", Set.of("k"));
    m.put("guardrail", Set.of("check"));
    for (String scored : List.of("similar", "token-f1", "rouge-l", "mrr", "llm-rubric")) {
      m.put(scored, Set.of("threshold"));
    }
    return m;
  }

  /**
   * The canonical type of a label such as {@code not-contains} or {@code hit@k} ({@code
   * not-contains} → {@code contains}), or null when it names no type.
   */
  public static String canonicalType(String label) {
    String t = label.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("not-")) {
      t = t.substring(4);
    }
    t = ALIASES.getOrDefault(t, t);
    return TYPES.contains(t) ? t : null;
  }

  /** The label reports use for a written type: aliases resolved, {@code not-} kept. */
  public static String label(String written) {
    String t = written.strip().toLowerCase(Locale.ROOT);
    boolean not = t.startsWith("not-");
    String c = canonicalType(t);
    return c == null ? null : (not ? "not-" : "") + c;
  }

  /**
   * @param node one entry of an {@code assert} list
   * @param context what the assertion may need to know about its case
   */
  public static AssertionSpec parse(JsonNode node, CaseContext context) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "expected a mapping with a type, got " + Fields.describe(node));
    }
    String written = Fields.nonBlank(node.get("type"), "type").strip();
    String type = canonicalType(written);
    if (type == null) {
      List<String> all = new ArrayList<>(TYPES);
      all.addAll(ALIASES.keySet());
      String near = Fields.closest(written.replaceFirst("(?i)^not-", ""), all);
      throw new IllegalArgumentException(
          "type: unknown assertion type '"
              + written
              + "'"
              + (near == null ? "" : " (did you mean '" + near + "'?)")
              + "; known types: "
              + String.join(", ", TYPES));
    }
    Set<String> allowed = new LinkedHashSet<>(COMMON);
    allowed.addAll(EXTRA.get(type));
    Fields.onlyKeys(node, "", allowed);
    boolean prefixed = written.toLowerCase(Locale.ROOT).startsWith("not-");
    boolean negate = prefixed;
    if (!Fields.absent(node.get("negate"))) {
      boolean n = Fields.bool(node.get("negate"), "negate");
      if (prefixed && n) {
        throw new IllegalArgumentException(
            "negate: the type '" + written + "' is already negated by its not- prefix");
      }
      negate = prefixed || n;
    }
    double weight =
        Fields.absent(node.get("weight"))
            ? 1.0
            : Fields.number(node.get("weight"), "weight", 0, 1e6);
    return new AssertionSpec(build(type, node, context), negate, weight);
  }

  private static Assertion build(String type, JsonNode node, CaseContext context) {
    JsonNode value = node.get("value");
    switch (type) {
      case "equals":
        if (Fields.absent(value)) {
          throw new IllegalArgumentException("value: equals needs the expected output");
        }
        return new Equals(value);
      case "contains":
      case "icontains":
        {
          List<String> needles = Fields.strings(value, "value");
          boolean all = true;
          if (!Fields.absent(node.get("mode"))) {
            String mode = Fields.text(node.get("mode"), "mode");
            if (!mode.equals("any") && !mode.equals("all")) {
              throw Fields.invalid("mode", "any or all", node.get("mode"));
            }
            all = mode.equals("all");
          }
          return new Contains(type, needles, type.startsWith("i"), all);
        }
      case "contains-any":
      case "contains-all":
      case "icontains-any":
      case "icontains-all":
        return new Contains(
            type, Fields.strings(value, "value"), type.startsWith("i"), type.endsWith("-all"));
      case "regex":
        try {
          return new RegexMatch(Pattern.compile(Fields.nonBlank(value, "value")));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "value: not a valid regular expression: "
                  + e.getDescription()
                  + " near index "
                  + e.getIndex());
        }
      case "starts-with":
        return new StartsWith(Fields.nonBlank(value, "value"));
      case "is-json":
        return new JsonCheck(type, Fields.absent(value) ? null : schema(value));
      case "json-schema":
        if (Fields.absent(value)) {
          JsonNode fromFormat =
              context.responseFormat() == null
                  ? null
                  : context.responseFormat().path("json_schema").get("schema");
          if (fromFormat == null || !fromFormat.isObject()) {
            throw new IllegalArgumentException(
                "value: json-schema needs a schema, here or in the case's response_format"
                    + " (type json_schema)");
          }
          return new JsonCheck(type, schema(fromFormat));
        }
        return new JsonCheck(type, schema(value));
      case "json-path":
        {
          JsonPath path;
          try {
            path = JsonPath.parse(Fields.nonBlank(node.get("path"), "path"));
          } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("path:")) {
              throw e;
            }
            throw new IllegalArgumentException("path: " + e.getMessage());
          }
          return new JsonPathEquals(path, node.has("value") ? value : null);
        }
      case "similar":
        return new Similar(Fields.strings(value, "value"), threshold(node, -1, 1, 0.8));
      case "exact-match":
        return new ReferenceMetric(
            ReferenceMetric.Kind.EXACT_MATCH, Fields.strings(value, "value"), 1.0);
      case "token-f1":
        return new ReferenceMetric(
            ReferenceMetric.Kind.TOKEN_F1,
            Fields.strings(value, "value"),
            threshold(node, 0, 1, 0.5));
      case "rouge-l":
        return new ReferenceMetric(
            ReferenceMetric.Kind.ROUGE_L,
            Fields.strings(value, "value"),
            threshold(node, 0, 1, 0.5));
      case "latency":
        return new Latency(Fields.integer(value, "value", 1, 86_400_000L));
      case "cost":
        return new Cost(Fields.decimal(value, "value"));
      case "is-refusal":
        return PhraseCheck.refusal(
            Fields.absent(value) ? List.of() : Fields.strings(value, "value"));
      case "i-dont-know":
        return PhraseCheck.iDontKnow(
            Fields.absent(value) ? List.of() : Fields.strings(value, "value"));
      case "guardrail":
        {
          String v = Fields.text(value, "value").strip().toLowerCase(Locale.ROOT);
          if (!v.equals("blocked") && !v.equals("allowed")) {
            throw Fields.invalid("value", "blocked or allowed", value);
          }
          String check =
              Fields.absent(node.get("check"))
                  ? null
                  : Fields.nonBlank(node.get("check"), "check").strip();
          return new GuardrailOutcome(v.equals("blocked"), check);
        }
      case "hit-at-k":
        {
          if (!Fields.absent(value) && !Fields.absent(node.get("k"))) {
            throw new IllegalArgumentException("k: give k either as k or as value, not both");
          }
          JsonNode kNode = Fields.absent(node.get("k")) ? value : node.get("k");
          int k = Fields.absent(kNode) ? 5 : (int) Fields.integer(kNode, "k", 1, 10_000);
          return new Retrieval(false, k, expected(context, type), null);
        }
      case "mrr":
        if (!Fields.absent(value)) {
          throw new IllegalArgumentException(
              "value: mrr takes no value; it uses the case's expected_sources");
        }
        return new Retrieval(
            true,
            Integer.MAX_VALUE,
            expected(context, type),
            Fields.absent(node.get("threshold"))
                ? null
                : Fields.number(node.get("threshold"), "threshold", 0, 1));
      case "llm-rubric":
        return new LlmRubric(
            Fields.nonBlank(value, "value"),
            context.input(),
            threshold(node, 0, 1, context.judge().threshold()));
      default:
        throw new IllegalStateException("unhandled assertion type " + type);
    }
  }

  private static List<String> expected(CaseContext context, String type) {
    if (context.expectedSources().isEmpty()) {
      throw new IllegalArgumentException(
          "type: " + type + " needs the case's expected_sources (document ids), and it has none");
    }
    return context.expectedSources();
  }

  private static double threshold(JsonNode node, double min, double max, double fallback) {
    JsonNode t = node.get("threshold");
    return Fields.absent(t) ? fallback : Fields.number(t, "threshold", min, max);
  }

  private static Schema schema(JsonNode value) {
    if (!value.isObject() && !value.isBoolean()) {
      throw Fields.invalid("value", "a JSON schema (a mapping)", value);
    }
    try {
      Schema schema = SCHEMAS.getSchema(value);
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("value: not a usable JSON schema: " + e.getMessage());
    }
  }
}
