package dev.gantry.guardrails.pii;

import java.util.List;

/** Finds one kind of PII in text. Implementations are stateless and thread-safe. */
interface Recognizer {
  /** Adds every finding in {@code text} to {@code out}. */
  void find(String text, List<PiiSpan> out);
}
