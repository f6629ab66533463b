package dev.gantry.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * US dollars as {@code long} micro-units (1 USD = 1,000,000 micro-USD), the unit in which Gantry
 * keeps, adds and compares every amount of money. Exact prices (USD per million tokens) are {@link
 * BigDecimal}; a cost computed from them is rounded once, half-up, to a whole micro-dollar ({@link
 * #round}). Stateless.
 */
public final class Usd {
  /** Micro-units per US dollar. */
  public static final long MICROS = 1_000_000L;

  private static final BigDecimal MILLION = BigDecimal.valueOf(MICROS);

  private Usd() {}

  /** {@code usd} rounded half-up to whole micro-dollars. */
  public static long round(BigDecimal usd) {
    return usd.multiply(MILLION).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** The amount in dollars with six decimals, e.g. {@code 412 -> "0.000412"}. */
  public static String format(long micros) {
    return toUsd(micros).toPlainString();
  }

  /** The amount as an exact decimal with scale 6. */
  public static BigDecimal toUsd(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }

  /**
   * Parses a dollar amount such as {@code 0.01} or {@code 12.5}.
   *
   * @throws IllegalArgumentException when it is not a number, is negative, or has more than six
   *     decimals (a fraction of a micro-dollar)
   */
  public static long parse(String usd) {
    BigDecimal v;
    try {
      v = new BigDecimal(usd.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + usd + "' is not a dollar amount such as 0.01");
    }
    return of(v);
  }

  /**
   * The exact number of micro-dollars in {@code usd}.
   *
   * @throws IllegalArgumentException when negative or finer than a micro-dollar
   */
  public static long of(BigDecimal usd) {
    if (usd.signum() < 0) {
      throw new IllegalArgumentException(usd.toPlainString() + " is negative; allowed >= 0");
    }
    BigDecimal micros = usd.multiply(MILLION);
    if (micros.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          usd.toPlainString() + " has more than six decimals; allowed a whole micro-dollar");
    }
    return micros.longValueExact();
  }
}
