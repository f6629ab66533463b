package dev.gantry.guardrails.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out from a regular expression the literal strings that every match must begin with, so a
 * rule can try its expression only where one of them occurs ({@code lookingAt} at that position)
 * instead of at every position of the text. Zero-width lookarounds at the start are skipped,
 * alternations are followed into each branch, and a branch whose start is optional, a character
 * class or an anchor makes the whole answer empty ("unknown": search everywhere). Understands the
 * subset of syntax the rules use. Stateless.
 */
final class Starts {
  private Starts() {}

  /** The possible literal starts of every match of {@code regex}, or an empty list if unknown. */
  static List<String> of(String regex) {
    List<String> out = new ArrayList<>();
    for (String branch : splitTopLevel(regex)) {
      List<String> starts = ofBranch(branch);
      if (starts.isEmpty()) {
        return List.of();
      }
      out.addAll(starts);
    }
    return List.copyOf(out);
  }

  private static List<String> ofBranch(String b) {
    int i = 0;
    while (b.startsWith("(?<!", i)
        || b.startsWith("(?<=", i)
        || b.startsWith("(?=", i)
        || b.startsWith("(?!", i)) {
      i = close(b, i) + 1;
    }
    if (i >= b.length()) {
      return List.of();
    }
    if (b.startsWith("(?:", i)) {
      int end = close(b, i);
      if (end + 1 < b.length() && "?*{".indexOf(b.charAt(end + 1)) >= 0) {
        return List.of();
      }
      return of(b.substring(i + 3, end));
    }
    StringBuilder literal = new StringBuilder();
    while (i < b.length()) {
      char c = b.charAt(i);
      if (c == '\\' && i + 1 < b.length() && !Character.isLetterOrDigit(b.charAt(i + 1))) {
        literal.append(b.charAt(i + 1));
        i += 2;
        continue;
      }
      if ("\\()[]{}.^$|?*+".indexOf(c) >= 0) {
        if ((c == '?' || c == '*' || c == '{') && literal.length() > 0) {
          literal.setLength(literal.length() - 1);
        }
        break;
      }
      literal.append(c);
      i++;
    }
    return literal.length() == 0 ? List.of() : List.of(literal.toString());
  }

  /** Index of the parenthesis closing the one at {@code open}. */
  private static int close(String s, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in " + s);
  }

  /** The branches of the top-level alternation of {@code s}. */
  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(s.substring(from, i));
        from = i + 1;
      }
    }
    out.add(s.substring(from));
    return out;
  }
}
