package dev.gantry.eval.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting shared by the reports. */
final class Format {
  private Format() {}

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  static String score(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String signed(double v) {
    return String.format(Locale.ROOT, "%+.3f", v);
  }

  static String ms(Long v) {
    return v == null ? "n/a" : v + " ms";
  }

  static String usd(BigDecimal v) {
    return v == null ? "n/a" : "$" + v.stripTrailingZeros().toPlainString();
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }
}
