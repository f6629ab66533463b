package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.eval.internal.JsonText;
import java.util.Comparator;

/**
 * {@code equals}: a string value must equal the output after trimming surrounding whitespace on
 * both; a mapping, list, number or boolean value must equal the output parsed as JSON (numbers
 * compared by value, so 1 equals 1.0).
 */
record Equals(JsonNode expected) implements Assertion {
  static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  @Override
  public String type() {
    return "equals";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    if (expected.isTextual()) {
      boolean ok = output.text().strip().equals(expected.textValue().strip());
      return Check.of(
          ok,
          ok
              ? "output equals " + Quote.of(expected.textValue())
              : "output " + Quote.of(output.text()) + " is not " + Quote.of(expected.textValue()));
    }
    JsonNode actual = JsonText.parse(output.text());
    if (actual == null) {
      return Check.of(
          false, "expected JSON equal to " + expected + " but " + JsonText.problem(output.text()));
    }
    boolean ok = sameJson(expected, actual);
    return Check.of(
        ok, ok ? "output equals " + expected : "output " + actual + " is not " + expected);
  }

  static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals(NUMERIC, b);
  }
}
