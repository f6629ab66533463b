package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.eval.internal.JsonText;

/**
 * {@code json-path}: the output parsed as JSON has a value at {@code path}, equal to {@code value}
 * when one is given (numbers compared by value; a string value also matches a number or boolean
 * with the same text).
 *
 * @param expected the expected value, or null to check only that the path exists
 */
record JsonPathEquals(JsonPath path, JsonNode expected) implements Assertion {
  @Override
  public String type() {
    return "json-path";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    JsonNode root = JsonText.parse(output.text());
    if (root == null) {
      return Check.of(false, "output is " + JsonText.problem(output.text()));
    }
    JsonNode found = path.find(root);
    if (found.isMissingNode()) {
      return Check.of(false, path + " not found in " + Quote.of(root.toString()));
    }
    if (expected == null) {
      return Check.of(true, path + " exists");
    }
    boolean ok =
        Equals.sameJson(expected, found)
            || expected.isTextual()
                && found.isValueNode()
                && found.asText().equals(expected.textValue());
    return Check.of(ok, path + " is " + found + (ok ? "" : ", expected " + expected));
  }
}
