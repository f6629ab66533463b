package dev.gantry.core.security;

/**
 * Rate limits stored on one API key ({@code gantry keys create --rpm --tpm --concurrency}),
 * enforced by the admission stage in addition to the configured limits. Each figure is 0 for "no
 * limit in this dimension". Immutable.
 *
 * @param rpm requests per minute, 0..{@value #MAX_RPM}
 * @param tpm tokens per minute (input estimate plus reserved output, reconciled with the actual
 *     usage), 0..{@value #MAX_TPM}
 * @param concurrency requests in flight at once, 0..{@value #MAX_CONCURRENCY}
 */
public record KeyLimits(int rpm, int tpm, int concurrency) {
  public static final int MAX_RPM = 100_000_000;
  public static final int MAX_TPM = 2_000_000_000;
  public static final int MAX_CONCURRENCY = 1_000_000;

  /** A key without limits of its own. */
  public static final KeyLimits NONE = new KeyLimits(0, 0, 0);

  public KeyLimits {
    check("rpm", rpm, MAX_RPM);
    check("tpm", tpm, MAX_TPM);
    check("concurrency", concurrency, MAX_CONCURRENCY);
  }

  private static void check(String field, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          "key " + field + " must be 0.." + max + " (0: no limit), was " + value);
    }
  }

  /** True when the key has no limit of its own. */
  public boolean isNone() {
    return rpm == 0 && tpm == 0 && concurrency == 0;
  }
}
