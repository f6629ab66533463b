package dev.gantry.eval.assertion;

/** {@code latency}: the request took at most {@code maxMs} milliseconds, measured by the client. */
record Latency(long maxMs) implements Assertion {
  @Override
  public String type() {
    return "latency";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    boolean ok = output.latencyMs() <= maxMs;
    return Check.of(
        ok, "latency " + output.latencyMs() + " ms " + (ok ? "<= " : "> ") + maxMs + " ms");
  }
}
