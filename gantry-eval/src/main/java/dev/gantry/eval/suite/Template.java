package dev.gantry.eval.suite;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} substitution (spaces inside the braces allowed). A name that is not among the
 * case's variables is an error naming the field and the variables there are. Stateless.
 */
final class Template {
  private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

  private Template() {}

  static String render(String text, Map<String, String> vars, String path) {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            path
                + ": unknown variable {{"
                + m.group(1)
                + "}}; "
                + (vars.isEmpty()
                    ? "the case has no vars"
                    : "the case has vars: " + String.join(", ", new TreeSet<>(vars.keySet()))));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
