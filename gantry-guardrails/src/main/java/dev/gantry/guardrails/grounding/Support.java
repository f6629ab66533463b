package dev.gantry.guardrails.grounding;

/** What the sources say about one claim. */
public enum Support {
  /** The sources hold what the claim says. */
  SUPPORTED,
  /** The sources do not hold it (an invented name, number or relation). */
  UNSUPPORTED,
  /**
   * The best-matching sentences of the sources state a different value where the claim's is
   * unsupported: another name, year, amount.
   */
  CONTRADICTED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
