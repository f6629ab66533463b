package dev.gantry.gateway.security;

/**
 * The classes of invisible characters the sanitiser looks for. Which code points belong to which
 * class, and the contexts in which they are legitimate and therefore not reported, are described on
 * each constant.
 */
public enum InvisibleKind {
  /**
   * The tag block U+E0000–U+E007F. Tags U+E0020–U+E007E mirror printable ASCII one to one and are
   * not rendered, so they can carry a whole hidden instruction; {@link Finding#decoded()} holds
   * that ASCII text. Not reported: an emoji subdivision flag, U+1F3F4 followed by 2 to 7 tag digits
   * or lower-case tag letters and U+E007F CANCEL TAG (the flags of England, Scotland, Wales…).
   */
  TAG("Unicode tag characters (U+E0000-U+E007F)"),

  /**
   * U+200B ZERO WIDTH SPACE, U+200C ZWNJ, U+200D ZWJ, U+2060 WORD JOINER, U+180E MONGOLIAN VOWEL
   * SEPARATOR, and U+FEFF anywhere but at offset 0 (a leading byte-order mark is tolerated). Not
   * reported: ZWJ joining two emoji (U+1F469 ZWJ U+1F4BB is "woman technologist"; an emoji modifier
   * or U+FE0F may come before the ZWJ), and one U+200B/U+200C/U+200D/U+180E between two letters or
   * marks of the same script other than Latin, Greek and Cyrillic, where these characters are
   * ordinary spelling (Persian ZWNJ, Indic ZWJ/ZWNJ after a virama, Thai word breaks, Mongolian).
   */
  ZERO_WIDTH("zero-width characters"),

  /**
   * Bidirectional controls: embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069,
   * which reorder what a reader sees, always reported; and the marks U+200E LRM, U+200F RLM, U+061C
   * ALM, reported only in a text that contains no right-to-left letter (where they are used
   * legitimately).
   */
  BIDI("bidirectional text controls"),

  /**
   * Two or more consecutive variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF). One selector
   * after a base character is normal (emoji presentation U+FE0F, CJK ideographic variants); a run
   * can encode arbitrary bytes, one per selector, behind a single visible character. {@link
   * Finding#decoded()} holds those bytes read as UTF-8 under the common encoding (U+FE00+b for b <
   * 16, U+E0100+(b-16) otherwise).
   */
  VARIATION_SELECTOR("runs of variation selectors"),

  /**
   * Other characters that render as nothing and have no place in a prompt: U+00AD SOFT HYPHEN (used
   * to split words past keyword filters), U+034F COMBINING GRAPHEME JOINER, the Hangul fillers
   * U+115F, U+1160, U+3164, U+FFA0, the Khmer inherent vowels U+17B4, U+17B5, the invisible
   * operators U+2061–U+2064, U+2065, the deprecated format characters U+206A–U+206F, the
   * interlinear annotation characters U+FFF9–U+FFFB, and the musical formatting characters
   * U+1D173–U+1D17A.
   */
  OTHER_FORMAT("invisible formatting characters");

  private final String description;

  InvisibleKind(String description) {
    this.description = description;
  }

  /** A short plural noun phrase for messages, e.g. {@code zero-width characters}. */
  public String description() {
    return description;
  }
}
