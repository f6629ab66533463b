package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.gantry.eval.internal.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code is-json} (optionally with a schema) and {@code json-schema}: the output, trimmed and
 * without a surrounding code fence, parses as one JSON value, valid against the schema when there
 * is one.
 */
record JsonCheck(String type, Schema schema) implements Assertion {
  @Override
  public Check check(CaseOutput output, EvalServices services) {
    JsonNode value = JsonText.parse(output.text());
    if (value == null) {
      return Check.of(false, "output is " + JsonText.problem(output.text()));
    }
    if (schema == null) {
      return Check.of(true, "output is JSON");
    }
    List<Error> errors = schema.validate(value);
    if (errors.isEmpty()) {
      return Check.of(true, "output is JSON valid against the schema");
    }
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < Math.min(3, errors.size()); i++) {
      messages.add(errors.get(i).toString());
    }
    return Check.of(
        false,
        "output does not match the schema ("
            + errors.size()
            + " error(s)): "
            + String.join("; ", messages));
  }
}
