package dev.gantry.eval;

/** The exit codes of {@code gantry eval}. */
public final class ExitCodes {
  /** Every threshold held (and no gated regression, when asked). */
  public static final int PASSED = 0;

  /** A threshold failed, or a significant regression with {@code --fail-on-regression}. */
  public static final int FAILED = 1;

  /** The run itself failed: invalid suite, unreachable target, unwritable reports... */
  public static final int RUN_FAILED = 2;

  private ExitCodes() {}
}
