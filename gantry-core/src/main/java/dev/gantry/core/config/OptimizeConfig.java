package dev.gantry.core.config;

/**
 * Token optimisation for a route ({@code routes.<name>.optimize}); each step is off unless set.
 *
 * @param dedupe drop messages (and content parts) that repeat an earlier one exactly
 * @param compressRatio for retrieval routes, keep the sentences of the retrieved sources most
 *     related to the question until this share of the sources' tokens (0 &lt; ratio &lt; 1), or 0
 *     for no compression
 * @param compressMinSentences sentences each retrieved source keeps whatever the ratio (its best
 *     ones), 1..20
 * @param historyMaxTurns keep at most this many non-system messages (the latest), or 0
 * @param historyMaxTokens drop the oldest non-system messages until the rest fits in this many
 *     tokens (the last user message always stays), or 0
 * @param maxOutputTokens cap on the requested output tokens, or 0
 */
public record OptimizeConfig(
    boolean dedupe,
    double compressRatio,
    int compressMinSentences,
    int historyMaxTurns,
    int historyMaxTokens,
    int maxOutputTokens) {
  public static final OptimizeConfig NONE = new OptimizeConfig(false, 0, 2, 0, 0, 0);

  public OptimizeConfig {
    if (compressRatio < 0 || compressRatio >= 1) {
      throw new IllegalArgumentException("compress_context.ratio must be 0 < ratio < 1");
    }
    if (compressMinSentences < 1 || compressMinSentences > 20) {
      throw new IllegalArgumentException("compress_context.min_sentences must be 1..20");
    }
    if (historyMaxTurns < 0 || historyMaxTokens < 0 || maxOutputTokens < 0) {
      throw new IllegalArgumentException("optimize limits must be >= 0");
    }
  }

  public boolean isNone() {
    return !dedupe
        && compressRatio == 0
        && historyMaxTurns == 0
        && historyMaxTokens == 0
        && maxOutputTokens == 0;
  }
}
