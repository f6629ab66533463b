package dev.gantry.core.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit). Shared and thread-safe; create once.
 *
 * <p>All counts are in tokens of the {@code o200k_base} encoding unless another is chosen.
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final TokenCounter DEFAULT = new TokenCounter(EncodingType.O200K_BASE);

  private final Encoding encoding;

  private TokenCounter(EncodingType type) {
    this.encoding = REGISTRY.getEncoding(type);
  }

  /** The shared counter for the {@code o200k_base} encoding (GPT-4o family). */
  public static TokenCounter defaultCounter() {
    return DEFAULT;
  }

  /** Number of tokens in {@code text}; 0 for null or empty text. */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encoding.countTokensOrdinary(text);
  }
}
