package dev.gantry.guardrails.pii;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text with its PII replaced by numbered placeholders ({@code [EMAIL_1]}, {@code [PHONE_2]}…), and
 * the mapping needed to put the originals back into a model's answer. The same value always gets
 * the same placeholder within one redaction. Immutable.
 */
public record Redaction(String text, Map<String, String> placeholders) {
  public Redaction {
    placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
  }

  /** Replaces every span of {@code text} (non-overlapping, as {@link PiiDetector} returns them). */
  public static Redaction of(String text, List<PiiSpan> spans) {
    StringBuilder out = new StringBuilder(text.length());
    Map<String, String> byPlaceholder = new LinkedHashMap<>();
    Map<String, String> byValue = new LinkedHashMap<>();
    Map<PiiType, Integer> counters = new java.util.EnumMap<>(PiiType.class);
    int last = 0;
    for (PiiSpan span : spans) {
      String value = text.substring(span.start(), span.end());
      String placeholder = byValue.get(span.type() + "\u0000" + value);
      if (placeholder == null) {
        int n = counters.merge(span.type(), 1, Integer::sum);
        placeholder = "[" + span.type().label() + "_" + n + "]";
        byValue.put(span.type() + "\u0000" + value, placeholder);
        byPlaceholder.put(placeholder, value);
      }
      out.append(text, last, span.start()).append(placeholder);
      last = span.end();
    }
    out.append(text, last, text.length());
    return new Redaction(out.toString(), byPlaceholder);
  }

  /** Puts the original values back wherever their placeholders appear in {@code answer}. */
  public String restore(String answer) {
    String restored = answer;
    for (Map.Entry<String, String> e : placeholders.entrySet()) {
      restored = restored.replace(e.getKey(), e.getValue());
    }
    return restored;
  }
}
