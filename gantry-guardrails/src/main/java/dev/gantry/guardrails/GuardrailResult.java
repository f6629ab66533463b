package dev.gantry.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * What one guardrail decided about one text. A value, never an exception: callers act on it in one
 * place. Every variant names the guardrail and carries its score in {@code 0..1} (1 = certainly a
 * violation) and the spans it found (character offsets into the checked text; empty when the check
 * has none).
 */
public sealed interface GuardrailResult {

  String guardrail();

  double score();

  List<Span> spans();

  /** True for every outcome except {@link Pass}. */
  default boolean triggered() {
    return !(this instanceof Pass);
  }

  /** A finding inside the checked text: {@code text.substring(start, end)} is of {@code type}. */
  record Span(int start, int end, String type) {
    public Span {
      Objects.requireNonNull(type, "type");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad span " + start + ".." + end);
      }
    }
  }

  /** Nothing to act on. */
  record Pass(String guardrail, double score) implements GuardrailResult {
    @Override
    public List<Span> spans() {
      return List.of();
    }
  }

  /** Triggered; the policy says record it and go on. */
  record Flag(String guardrail, double score, String reason, List<Span> spans)
      implements GuardrailResult {
    public Flag {
      spans = List.copyOf(spans);
    }
  }

  /**
   * Triggered; go on with {@code text} in place of the checked text (e.g. PII replaced by
   * placeholders).
   *
   * @param restore the placeholders and the values to put back into the answer; empty when they
   *     stay redacted
   */
  record Rewrite(
      String guardrail,
      double score,
      String reason,
      List<Span> spans,
      String text,
      java.util.Map<String, String> restore)
      implements GuardrailResult {
    public Rewrite {
      spans = List.copyOf(spans);
      Objects.requireNonNull(text, "text");
      restore = java.util.Map.copyOf(restore);
    }
  }

  /**
   * Triggered; refuse. {@code message} is what the client is told (never the offending text
   * itself).
   */
  record Reject(String guardrail, double score, String reason, List<Span> spans, String message)
      implements GuardrailResult {
    public Reject {
      spans = List.copyOf(spans);
      Objects.requireNonNull(message, "message");
    }
  }

  /** Output only: ask the model again, telling it {@code reason}. */
  record Reprompt(String guardrail, double score, String reason) implements GuardrailResult {
    @Override
    public List<Span> spans() {
      return List.of();
    }
  }
}
