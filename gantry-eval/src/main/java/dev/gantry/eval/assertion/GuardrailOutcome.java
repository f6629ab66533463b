package dev.gantry.eval.assertion;

/**
 * {@code guardrail}: the gateway {@code blocked} the request (with the given check, when {@code
 * check} is set) or {@code allowed} it (when {@code check} is set: the named check did not block
 * it, though another may have).
 *
 * @param check the check name, e.g. {@code injection}, or null for any
 */
record GuardrailOutcome(boolean expectBlocked, String check) implements Assertion {
  @Override
  public String type() {
    return "guardrail";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    String by = output.blockedBy();
    boolean blockedByCheck = by != null && (check == null || check.equalsIgnoreCase(by));
    String what =
        by == null
            ? "the request was allowed"
            : "the request was blocked by '" + by + "' (HTTP " + output.status() + ")";
    String wanted =
        (expectBlocked ? "expected blocked" : "expected allowed")
            + (check == null ? "" : " by '" + check + "'");
    boolean ok = expectBlocked == blockedByCheck;
    return Check.of(ok, what + (ok ? "" : "; " + wanted));
  }
}
