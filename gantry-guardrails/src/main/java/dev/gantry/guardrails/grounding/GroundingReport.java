package dev.gantry.guardrails.grounding;

import java.util.ArrayList;
import java.util.List;

/**
 * Every claim of an answer with its verdict.
 *
 * @param score the highest risk of any claim, in {@code 0..1} (0 for an answer without claims)
 */
public record GroundingReport(List<ClaimResult> claims, double score) {
  public GroundingReport {
    claims = List.copyOf(claims);
  }

  /** The claims that are unsupported, contradicted, or cite a source that does not back them. */
  public List<ClaimResult> problems() {
    List<ClaimResult> out = new ArrayList<>();
    for (ClaimResult c : claims) {
      if (!c.grounded()) {
        out.add(c);
      }
    }
    return out;
  }

  /** True when every claim is grounded. */
  public boolean grounded() {
    return problems().isEmpty();
  }
}
