package dev.gantry.guardrails.external;

import java.util.Objects;

/**
 * What an external server decided about one text.
 *
 * @param rewritten the text to use instead (for {@link Decision#REWRITE}), else null
 * @param reason the server's reason (rail or validator names, its message), never null
 */
public record ExternalVerdict(Decision decision, String reason, String rewritten) {
  /** The three answers a server can give. */
  public enum Decision {
    ALLOW,
    BLOCK,
    REWRITE
  }

  public ExternalVerdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    if (decision == Decision.REWRITE) {
      Objects.requireNonNull(rewritten, "rewritten");
    }
  }
}
