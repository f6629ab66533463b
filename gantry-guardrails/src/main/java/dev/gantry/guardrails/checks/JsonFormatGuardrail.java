package dev.gantry.guardrails.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.WorkBudget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Output format: the answer must be valid JSON when the request asked for {@code json_object}, and
 * must also satisfy the JSON Schema when it asked for {@code json_schema} or the route sets a
 * schema. Schemas are compiled once and kept (up to {@value #CACHE} of them, each at most {@value
 * #CACHED_CHARS} characters); {@code $ref}s to remote documents are not fetched. A schema from a
 * request is untrusted: it may be at most {@value #MAX_SCHEMA_CHARS} characters, its patterns run
 * on RE2/J ({@link Re2jRegularExpressionFactory}, linear time) and one validation stops when its
 * time budget is spent. Shared and thread-safe.
 */
public final class JsonFormatGuardrail implements OutputGuardrail {
  static final int CACHE = 256;

  /** Longest schema text kept compiled, in characters; longer ones are compiled per use. */
  static final int CACHED_CHARS = 64 * 1024;

  /** Longest schema text a request may ask answers to be checked against, in characters. */
  public static final int MAX_SCHEMA_CHARS = 256 * 1024;

  private static final int MAX_ERRORS = 5;

  private final GuardAction action;
  private final String routeSchema;
  private final long budgetNanos;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaLoader(l -> l.fetchRemoteResources(false).block(JsonFormatGuardrail::remote))
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .regularExpressionFactory(Re2jRegularExpressionFactory.INSTANCE)
                          .build()));
  private final Map<String, Schema> compiled =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
          return size() > CACHE;
        }
      };

  /**
   * @param routeSchema a JSON Schema (JSON text) every answer of the route must satisfy, or null
   */
  public JsonFormatGuardrail(GuardAction action, String routeSchema) {
    this(action, routeSchema, Duration.ofSeconds(1));
  }

  /**
   * @param budget the longest one validation may take; beyond it the check fails with {@link
   *     WorkBudget.Exceeded} (and the check's {@code on_error} rule applies)
   */
  public JsonFormatGuardrail(GuardAction action, String routeSchema, Duration budget) {
    this.action = Objects.requireNonNull(action, "action");
    this.routeSchema = routeSchema;
    this.budgetNanos = budget.toNanos();
    if (routeSchema != null) {
      schema(routeSchema);
    }
  }

  /**
   * Why the JSON Schema that {@code responseFormat} (a request's {@code response_format}) asks for
   * cannot be used to check answers, in words safe to show the client; null when it can (or when
   * there is none). Lets a request be refused before any model is called.
   */
  public static String unusable(JsonNode responseFormat) {
    if (responseFormat == null
        || !responseFormat.path("type").asText("").equals("json_schema")
        || !responseFormat.path("json_schema").path("schema").isObject()) {
      return null;
    }
    JsonNode schema = responseFormat.path("json_schema").path("schema");
    String text = schema.toString();
    if (text.length() > MAX_SCHEMA_CHARS) {
      return "the JSON Schema has "
          + text.length()
          + " characters; at most "
          + MAX_SCHEMA_CHARS
          + " can be checked";
    }
    return SchemaPatterns.problem(schema);
  }

  @Override
  public String name() {
    return "json";
  }

  @Override
  public GuardrailResult check(OutputText output) {
    if (!output.complete()) {
      return new GuardrailResult.Pass(name(), 0);
    }
    String schemaText = routeSchema;
    boolean fromRequest = false;
    boolean wantsJson = routeSchema != null;
    JsonNode format = output.responseFormat();
    if (format != null) {
      String type = format.path("type").asText("");
      if (type.equals("json_object")) {
        wantsJson = true;
      } else if (type.equals("json_schema")) {
        wantsJson = true;
        JsonNode s = format.path("json_schema").path("schema");
        if (s.isObject() && schemaText == null) {
          schemaText = s.toString();
          fromRequest = true;
        }
      }
    }
    if (!wantsJson) {
      return new GuardrailResult.Pass(name(), 0);
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(output.text());
    } catch (JsonProcessingException e) {
      return violated("the answer is not valid JSON: " + e.getOriginalMessage());
    }
    if (answer == null || answer.isMissingNode()) {
      return violated("the answer is empty, not JSON");
    }
    if (schemaText != null) {
      if (fromRequest) {
        String problem = unusable(format);
        if (problem != null) {
          return violated("the JSON Schema cannot be used: " + problem);
        }
      }
      Schema schema;
      try {
        schema = schema(schemaText);
      } catch (Re2jRegularExpressionFactory.Unsupported e) {
        return violated("the JSON Schema cannot be used: " + e.getMessage());
      } catch (RuntimeException e) {
        return violated("the JSON Schema cannot be used: it is not a valid JSON Schema");
      }
      List<Error> errors;
      try {
        errors = WorkBudget.run(budgetNanos, () -> schema.validate(answer));
      } catch (WorkBudget.Exceeded e) {
        throw e;
      } catch (RuntimeException e) {
        return violated("the JSON Schema cannot be used: it is not a valid JSON Schema");
      }
      if (!errors.isEmpty()) {
        StringBuilder b = new StringBuilder("the answer does not match the JSON Schema: ");
        for (int i = 0; i < errors.size() && i < MAX_ERRORS; i++) {
          b.append(i == 0 ? "" : "; ").append(errors.get(i).toString());
        }
        if (errors.size() > MAX_ERRORS) {
          b.append("; and ").append(errors.size() - MAX_ERRORS).append(" more");
        }
        return violated(b.toString());
      }
    }
    return new GuardrailResult.Pass(name(), 0);
  }

  /** Schemas may refer only to themselves and the bundled meta-schemas, never to the network. */
  private static boolean remote(com.networknt.schema.AbsoluteIri iri) {
    String s = iri.toString();
    return !s.startsWith("classpath:")
        && !s.startsWith("https://json-schema.org/")
        && !s.startsWith("http://json-schema.org/");
  }

  private GuardrailResult violated(String reason) {
    return Outcomes.of(
        action,
        name(),
        1,
        reason,
        List.of(),
        "The model's answer did not have the requested format: " + reason);
  }

  /** The compiled schema; compiles outside the cache's lock, so one slow compile blocks no one. */
  private Schema schema(String text) {
    if (text.length() > CACHED_CHARS) {
      return registry.getSchema(text, InputFormat.JSON);
    }
    synchronized (compiled) {
      Schema s = compiled.get(text);
      if (s != null) {
        return s;
      }
    }
    Schema s = registry.getSchema(text, InputFormat.JSON);
    synchronized (compiled) {
      compiled.put(text, s);
    }
    return s;
  }

  @Override
  public String toString() {
    return "json(" + action.configName() + ")";
  }
}
