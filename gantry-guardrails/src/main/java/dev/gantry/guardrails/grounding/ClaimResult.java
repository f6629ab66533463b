package dev.gantry.guardrails.grounding;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one claim.
 *
 * @param risk the model's probability, in {@code 0..1}, that the claim is not grounded in the
 *     sources
 * @param source the number (from 1) of the source with the best-matching sentences, or 0
 * @param evidence those sentences (empty when there are none)
 * @param missing the claim's own words that occur in no source, as written
 * @param conflicts descriptions of values that differ from the source ({@code "2008 ≠ 2006"})
 * @param badCitations the claim's {@code [n]} citations that point at no source, or at a source
 *     that does not support the claim
 */
public record ClaimResult(
    Claim claim,
    Support support,
    double risk,
    int source,
    String evidence,
    List<String> missing,
    List<String> conflicts,
    List<Integer> badCitations) {
  public ClaimResult {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(support, "support");
    Objects.requireNonNull(evidence, "evidence");
    missing = List.copyOf(missing);
    conflicts = List.copyOf(conflicts);
    badCitations = List.copyOf(badCitations);
  }

  /** True when the claim is supported and cites only sources that support it. */
  public boolean grounded() {
    return support == Support.SUPPORTED && badCitations.isEmpty();
  }
}
