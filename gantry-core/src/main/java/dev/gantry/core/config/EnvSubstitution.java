package dev.gantry.core.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in one scalar value. {@code ${NAME}} needs
 * NAME to be set (it may be empty); {@code ${NAME:-default}} uses the default when NAME is unset or
 * empty, as in POSIX shells. {@code $${} is a literal {@code ${}; a lone {@code $} is itself. One
 * pass: text coming from a variable is never substituted again. Stateless.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvSubstitution() {}

  /**
   * @param sensitive do not echo any part of the raw value in problems
   * @return the substituted value, or null after reporting a problem at {@code path}
   */
  static Text substitute(
      String raw, Map<String, String> env, String path, boolean sensitive, Problems problems) {
    if (raw.indexOf('$') < 0) {
      return new Text(raw, false);
    }
    StringBuilder out = new StringBuilder(raw.length());
    boolean fromEnv = false;
    boolean ok = true;
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (raw.startsWith("${", i)) {
        int end = raw.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(
              path,
              "unterminated '${' at character "
                  + (i + 1)
                  + "; close it with '}' or write '$${' for a literal '${'");
          return null;
        }
        String expr = raw.substring(i + 2, end);
        int sep = expr.indexOf(":-");
        String name = sep < 0 ? expr : expr.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
          problems.add(
              path,
              (sensitive ? "invalid" : "'" + name + "' is not a valid")
                  + " environment variable name at character "
                  + (i + 1)
                  + "; use ${NAME} or ${NAME:-default} with letters, digits and '_'");
          ok = false;
        } else {
          String value = env.get(name);
          boolean useDefault = sep >= 0 && (value == null || value.isEmpty());
          if (useDefault) {
            out.append(expr, sep + 2, expr.length());
          } else if (value == null) {
            problems.add(path, "environment variable " + name + " is not set");
            ok = false;
          } else {
            out.append(value);
          }
        }
        fromEnv = true;
        i = end + 1;
      } else {
        out.append(raw.charAt(i));
        i++;
      }
    }
    return ok ? new Text(out.toString(), fromEnv) : null;
  }
}
