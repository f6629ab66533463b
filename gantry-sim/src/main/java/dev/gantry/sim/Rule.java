package dev.gantry.sim;

import java.util.regex.Pattern;

/**
 * One scripted answer: when the last user message contains {@code contains} (case-sensitive) or
 * matches {@code regex} (found anywhere), and the request model equals {@code model} when given,
 * answer with {@code reply}. Null criteria are not checked. Immutable.
 */
record Rule(String contains, Pattern regex, String model, Reply reply) {

  boolean matches(String requestModel, String lastUserText) {
    if (model != null && !model.equals(requestModel)) {
      return false;
    }
    if (contains != null && !lastUserText.contains(contains)) {
      return false;
    }
    return regex == null || regex.matcher(lastUserText).find();
  }
}
