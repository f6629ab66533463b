package dev.gantry.guardrails.checks;

/**
 * An upper estimate of the size of the program RE2/J compiles a pattern into, read from the
 * pattern's syntax without compiling it. RE2/J expands counted repetition ({@code x{n,m}} becomes
 * about {@code m} copies of {@code x}), so a short pattern such as {@code ((a{1000}){1000}){1000}}
 * would need 10^9 instructions and exhaust the heap; its matching time also grows with the size.
 * Literals, classes and escapes count 1, alternatives add up, groups add 1, {@code *}, {@code +}
 * and {@code ?} add 1 and {@code {n,m}} multiplies by {@code max(n, m)} ({@code n + 1} for {@code
 * {n,}}). The estimate saturates instead of overflowing. Not thread-safe; one per pattern.
 */
final class PatternSize {
  private static final long CAP = 1L << 40;

  private final String p;
  private int at;

  private PatternSize(String pattern) {
    this.p = pattern;
  }

  /** The estimated number of instructions of {@code pattern}'s program. */
  static long of(String pattern) {
    PatternSize s = new PatternSize(pattern);
    long total = 0;
    while (s.at < s.p.length()) {
      total = add(total, s.alternation());
      if (s.at < s.p.length()) {
        s.at++; // an unmatched ')': the compiler will refuse it
      }
    }
    return total;
  }

  private long alternation() {
    long total = sequence();
    while (at < p.length() && p.charAt(at) == '|') {
      at++;
      total = add(total, sequence());
    }
    return total;
  }

  private long sequence() {
    long total = 0;
    while (at < p.length() && p.charAt(at) != '|' && p.charAt(at) != ')') {
      long atom = atom();
      while (at < p.length()) {
        char c = p.charAt(at);
        if (c == '*' || c == '+' || c == '?') {
          at++;
          atom = add(atom, 1);
        } else if (c == '{') {
          long times = repetition();
          if (times < 0) {
            break;
          }
          atom = multiply(atom, times);
        } else {
          break;
        }
      }
      total = add(total, atom);
    }
    return total;
  }

  private long atom() {
    char c = p.charAt(at++);
    if (c == '(') {
      if (at < p.length() && p.charAt(at) == '?') {
        at++;
        if (at < p.length() && (p.charAt(at) == 'P' || p.charAt(at) == '<')) {
          int end = p.indexOf('>', at);
          at = end < 0 ? p.length() : end + 1; // a named group: (?P<name>…) or (?<name>…)
        } else {
          while (at < p.length() && Character.isLetter(p.charAt(at)) || peek('-')) {
            at++;
          }
          if (peek(')')) {
            at++;
            return 0; // flags only, e.g. (?i)
          }
          if (peek(':')) {
            at++;
          }
        }
      }
      long inner = alternation();
      if (at < p.length()) {
        at++; // ')'
      }
      return add(inner, 1);
    }
    if (c == '[') {
      skipClass();
      return 1;
    }
    if (c == '\\' && at < p.length()) {
      char e = p.charAt(at++);
      if ((e == 'p' || e == 'P' || e == 'x') && at < p.length() && p.charAt(at) == '{') {
        while (at < p.length() && p.charAt(at) != '}') {
          at++;
        }
        at++;
      } else if (e == 'Q') {
        int end = p.indexOf("\\E", at);
        long n = (end < 0 ? p.length() : end) - at;
        at = end < 0 ? p.length() : end + 2;
        return Math.max(1, n);
      }
    }
    return 1;
  }

  private boolean peek(char c) {
    return at < p.length() && p.charAt(at) == c;
  }

  private void skipClass() {
    if (at < p.length() && p.charAt(at) == '^') {
      at++;
    }
    if (at < p.length() && p.charAt(at) == ']') {
      at++;
    }
    while (at < p.length() && p.charAt(at) != ']') {
      if (p.charAt(at) == '\\') {
        at++;
      } else if (p.startsWith("[:", at)) {
        int end = p.indexOf(":]", at + 2);
        if (end > 0) {
          at = end + 1;
        }
      }
      at++;
    }
    at++;
  }

  /** The multiplier of a counted repetition at {@code at}, or -1 when it is a literal brace. */
  private long repetition() {
    int close = p.indexOf('}', at);
    if (close < 0) {
      return -1;
    }
    String body = p.substring(at + 1, close);
    int comma = body.indexOf(',');
    String min = comma < 0 ? body : body.substring(0, comma);
    String max = comma < 0 ? "" : body.substring(comma + 1);
    if (!digits(min) || (!max.isEmpty() && !digits(max))) {
      return -1;
    }
    at = close + 1;
    long n = number(min);
    if (comma < 0) {
      return Math.max(1, n);
    }
    return max.isEmpty() ? n + 1 : Math.max(1, Math.max(n, number(max)));
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  private static long number(String s) {
    return Long.parseLong(s);
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long multiply(long a, long b) {
    return a == 0 || b == 0 ? a : (a > CAP / b ? CAP : Math.min(CAP, a * b));
  }
}
