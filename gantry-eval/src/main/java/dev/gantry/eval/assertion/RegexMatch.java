package dev.gantry.eval.assertion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code regex}: a Java regular expression found anywhere in the output. */
record RegexMatch(Pattern pattern) implements Assertion {
  @Override
  public String type() {
    return "regex";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    Matcher m = pattern.matcher(output.text());
    if (m.find()) {
      return Check.of(true, "/" + pattern.pattern() + "/ matched " + Quote.of(m.group()));
    }
    return Check.of(false, "/" + pattern.pattern() + "/ did not match " + Quote.of(output.text()));
  }
}
