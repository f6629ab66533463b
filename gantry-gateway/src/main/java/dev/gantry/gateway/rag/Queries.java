package dev.gantry.gateway.rag;

/**
 * What makes a text worth searching a knowledge base for: at least one letter or digit. A query of
 * only control, zero-width, tag or other invisible characters, punctuation or lone surrogates has
 * nothing to match: {@code /v1/retrieve} refuses it (400) and a route with {@code rag} answers it
 * without sources. Stateless.
 */
public final class Queries {
  /** Longest query {@code /v1/retrieve} accepts, in characters. */
  public static final int MAX_CHARS = 10_000;

  private Queries() {}

  /** True when {@code text} has a letter or digit. */
  public static boolean searchable(String text) {
    return text.codePoints().anyMatch(Character::isLetterOrDigit);
  }
}
