package dev.gantry.eval.assertion;

/** Short quoted excerpts for assertion messages. */
final class Quote {
  private static final int MAX = 80;

  private Quote() {}

  static String of(String s) {
    String t = s.replace("\n", "\\n");
    return "\"" + (t.length() > MAX ? t.substring(0, MAX - 3) + "..." : t) + "\"";
  }

  static String number(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
