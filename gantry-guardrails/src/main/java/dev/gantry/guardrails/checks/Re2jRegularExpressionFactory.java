package dev.gantry.guardrails.checks;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.gantry.guardrails.WorkBudget;

/**
 * Runs the regular expressions of JSON Schemas ({@code pattern}, {@code patternProperties}, {@code
 * format: regex}) with RE2/J, whose matching time grows linearly with the text, so that a pattern
 * from a client cannot backtrack for ever. What RE2 cannot run (backreferences, lookaround) and
 * patterns longer than {@link #MAX_PATTERN_CHARS} characters are refused with {@link Unsupported},
 * whose message never repeats the engine's own, and so are patterns whose counted repetitions would
 * compile into more than {@link #MAX_PROGRAM} instructions (RE2/J sets no such bound itself, and a
 * 25-character pattern can exhaust the heap). Matching reads the text through a view that checks
 * the {@link WorkBudget}, so it also stops when the check runs out of time. Shared and thread-safe.
 */
public final class Re2jRegularExpressionFactory implements RegularExpressionFactory {
  /** The longest pattern accepted, in characters. */
  public static final int MAX_PATTERN_CHARS = 1_000;

  /** The largest estimated program ({@link PatternSize}) accepted, in instructions. */
  public static final long MAX_PROGRAM = 10_000;

  static final Re2jRegularExpressionFactory INSTANCE = new Re2jRegularExpressionFactory();

  /** A pattern that cannot be run; the message is safe to show to a client. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern p = compile(regex);
    return text -> p.matcher(new BudgetedText(text)).find();
  }

  /**
   * Compiles {@code regex} with RE2/J.
   *
   * @throws Unsupported when it is too long or uses syntax RE2 does not run
   */
  public static Pattern compile(String regex) {
    if (regex.length() > MAX_PATTERN_CHARS) {
      throw new Unsupported(
          "a pattern is "
              + regex.length()
              + " characters long; at most "
              + MAX_PATTERN_CHARS
              + " are allowed");
    }
    long size = PatternSize.of(regex);
    if (size > MAX_PROGRAM) {
      throw new Unsupported(
          "a pattern repeats too much: it would need about "
              + size
              + " steps per character; at most "
              + MAX_PROGRAM
              + " are allowed");
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new Unsupported(
          "a pattern uses syntax that Gantry does not run (backreferences, lookaround, possessive"
              + " or overlong repetition) or is not a valid regular expression");
    }
  }

  /** The matched text, checking the work budget every 256 characters read. */
  private static final class BudgetedText implements CharSequence {
    private final String text;
    private int reads;

    BudgetedText(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xff) == 0) {
        WorkBudget.check();
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
