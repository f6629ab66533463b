package dev.gantry.guardrails.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text into units that an injected instruction usually occupies on its own: lines, and
 * within long lines, sentences; a unit longer than {@link #MAX_UNIT} characters is cut at a space.
 * Units without at least two letters are dropped. Every part of the text is covered, however long,
 * so an instruction cannot be pushed out of reach by padding. Stateless and thread-safe.
 */
final class Segmenter {
  private Segmenter() {}

  /** Longest unit, in characters. */
  static final int MAX_UNIT = 400;

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?。！？])\\s+(?=[\\p{Lu}\"'“(\\[<{*#0-9])");

  static List<String> units(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      addLine(text.substring(start, end), out);
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return out;
  }

  private static void addLine(String line, List<String> out) {
    String s = line.strip();
    if (s.length() <= MAX_UNIT) {
      addUnit(s, out);
      return;
    }
    Matcher m = SENTENCE_END.matcher(s);
    int from = 0;
    while (m.find()) {
      addChunked(s.substring(from, m.start()), out);
      from = m.end();
    }
    addChunked(s.substring(from), out);
  }

  private static void addChunked(String sentence, List<String> out) {
    String s = sentence.strip();
    while (s.length() > MAX_UNIT) {
      int cut = s.lastIndexOf(' ', MAX_UNIT);
      if (cut < MAX_UNIT / 2) {
        cut = MAX_UNIT;
      }
      addUnit(s.substring(0, cut), out);
      s = s.substring(cut).strip();
    }
    addUnit(s, out);
  }

  private static void addUnit(String s, List<String> out) {
    int letters = 0;
    for (int i = 0; i < s.length() && letters < 2; i++) {
      if (Character.isLetter(s.charAt(i))) {
        letters++;
      }
    }
    if (letters >= 2) {
      out.add(s);
    }
  }
}
