package dev.gantry.eval.assertion;

/** {@code starts-with}: the output, leading whitespace ignored, starts with the value. */
record StartsWith(String prefix) implements Assertion {
  @Override
  public String type() {
    return "starts-with";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    boolean ok = output.text().stripLeading().startsWith(prefix);
    return Check.of(
        ok,
        ok
            ? "output starts with " + Quote.of(prefix)
            : "output " + Quote.of(output.text()) + " does not start with " + Quote.of(prefix));
  }
}
