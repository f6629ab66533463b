package dev.gantry.eval.assertion;

import java.math.BigDecimal;

/**
 * {@code cost}: the gateway reported a cost (header {@code x-gantry-cost-usd}) of at most {@code
 * maxUsd}. A response without a cost fails: an unknown cost cannot be shown to be under a limit.
 */
record Cost(BigDecimal maxUsd) implements Assertion {
  @Override
  public String type() {
    return "cost";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    if (output.costUsd() == null) {
      return Check.of(false, "no cost reported (the response has no x-gantry-cost-usd header)");
    }
    boolean ok = output.costUsd().compareTo(maxUsd) <= 0;
    return Check.of(
        ok,
        "cost $"
            + output.costUsd().toPlainString()
            + (ok ? " <= $" : " > $")
            + maxUsd.toPlainString());
  }
}
