package dev.gantry.guardrails.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Output format: the answer must be valid JSON when the request asked for {@code json_object}, and
 * must also satisfy the JSON Schema when it asked for {@code json_schema} or the route sets a
 * schema. Schemas are compiled once and kept (up to {@value #CACHE} of them); {@code $ref}s to
 * remote documents are not fetched. Shared and thread-safe.
 */
public final class JsonFormatGuardrail implements OutputGuardrail {
  static final int CACHE = 256;
  private static final int MAX_ERRORS = 5;

  private final GuardAction action;
  private final String routeSchema;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaLoader(
                  l -> l.fetchRemoteResources(false).block(JsonFormatGuardrail::remote)));
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
    this.action = Objects.requireNonNull(action, "action");
    this.routeSchema = routeSchema;
    if (routeSchema != null) {
      schema(routeSchema);
    }
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
      Schema schema;
      try {
        schema = schema(schemaText);
      } catch (RuntimeException e) {
        return violated("the JSON Schema cannot be used: " + e.getMessage());
      }
      List<Error> errors;
      try {
        errors = schema.validate(answer);
      } catch (RuntimeException e) {
        return violated("the JSON Schema cannot be used: " + e.getMessage());
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

  private Schema schema(String text) {
    synchronized (compiled) {
      Schema s = compiled.get(text);
      if (s == null) {
        s = registry.getSchema(text, InputFormat.JSON);
        compiled.put(text, s);
      }
      return s;
    }
  }

  @Override
  public String toString() {
    return "json(" + action.configName() + ")";
  }
}
