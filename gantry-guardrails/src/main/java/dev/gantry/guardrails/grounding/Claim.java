package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sentence of an answer, checked on its own against the sources.
 *
 * @param text the sentence without its citation markers
 * @param start offset of the sentence in the answer (UTF-16 units)
 * @param end offset just after it
 * @param citations the source numbers it cites with {@code [n]} (or {@code [n][m]}, {@code [n,
 *     m]}), in order, without repeats
 */
public record Claim(String text, int start, int end, List<Integer> citations) {
  private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

  public Claim {
    Objects.requireNonNull(text, "text");
    citations = List.copyOf(citations);
  }

  /**
   * The claims of an answer: its sentences, line by line (list items and paragraphs are separate
   * claims). A citation standing alone after a sentence's full stop ({@code "… 1844. [1]"}) belongs
   * to that sentence.
   */
  public static List<Claim> split(String answer) {
    List<Claim> out = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= answer.length()) {
      int nl = answer.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? answer.length() : nl;
      String line = answer.substring(lineStart, lineEnd);
      for (Sentences.Span s : Sentences.split(line)) {
        String raw = line.substring(s.start(), s.end());
        Claim c = of(raw, lineStart + s.start(), lineStart + s.end());
        if (c.text().isBlank() && !out.isEmpty()) {
          Claim prev = out.remove(out.size() - 1);
          Set<Integer> cites = new LinkedHashSet<>(prev.citations());
          cites.addAll(c.citations());
          out.add(new Claim(prev.text(), prev.start(), c.end(), new ArrayList<>(cites)));
        } else if (!c.text().isBlank()) {
          out.add(c);
        }
      }
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    return out;
  }

  private static Claim of(String raw, int start, int end) {
    Set<Integer> cites = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(raw);
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (m.find()) {
      for (String n : m.group(1).split(",")) {
        cites.add(Integer.parseInt(n.strip()));
      }
      text.append(raw, at, m.start());
      at = m.end();
    }
    text.append(raw, at, raw.length());
    String clean = text.toString().replaceAll("\\s+([.,;:!?])", "$1").replaceAll("\\s+", " ");
    clean = clean.replaceFirst("^[\\s*\\-•>]+", "").strip();
    return new Claim(clean, start, end, new ArrayList<>(cites));
  }
}
