package dev.gantry.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.eval.internal.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the score in a judge's reply, trying in order: a {@code SCORE: n} line (any case, {@code :}
 * or {@code =}), a JSON object with a numeric {@code score}, an {@code n/max} fraction, and finally
 * the only number in the reply. The score must lie on the scale. Stateless.
 */
public final class ScoreParser {
  private static final Pattern LABELLED =
      Pattern.compile("(?i)\\bscore\\b\\s*(?:[:=]|is)\\s*\\**\\s*(-?\\d+(?:\\.\\d+)?)");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");

  private ScoreParser() {}

  /** The score, or empty when the reply holds none on [min, max]. */
  public static OptionalDouble parse(String reply, int min, int max) {
    if (reply == null) {
      return OptionalDouble.empty();
    }
    Matcher m = LABELLED.matcher(reply);
    if (m.find()) {
      return onScale(Double.parseDouble(m.group(1)), min, max);
    }
    JsonNode json = JsonText.parse(reply);
    if (json != null && json.path("score").isNumber()) {
      return onScale(json.get("score").doubleValue(), min, max);
    }
    Matcher fraction =
        Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*/\\s*" + max + "(?![\\d.])").matcher(reply);
    if (fraction.find()) {
      return onScale(Double.parseDouble(fraction.group(1)), min, max);
    }
    List<Double> numbers = new ArrayList<>();
    Matcher n = NUMBER.matcher(reply);
    while (n.find()) {
      numbers.add(Double.parseDouble(n.group()));
    }
    if (numbers.size() == 1) {
      return onScale(numbers.get(0), min, max);
    }
    return OptionalDouble.empty();
  }

  private static OptionalDouble onScale(double v, int min, int max) {
    return v >= min && v <= max ? OptionalDouble.of(v) : OptionalDouble.empty();
  }
}
