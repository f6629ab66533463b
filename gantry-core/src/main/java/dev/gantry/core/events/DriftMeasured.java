package dev.gantry.core.events;

/**
 * A route's recent inputs were compared with its reference window.
 *
 * @param statistic the squared maximum mean discrepancy (MMD²) between the windows' embeddings
 * @param threshold the permutation test's critical value for the configured significance level
 * @param pValue the permutation p-value: the share of permuted statistics at least as large
 * @param score {@code statistic / threshold}: above 1 means drift at the configured level
 * @param unanswerableShare share of recent retrieval requests the knowledge base had no source for
 * @param guardrailTriggerShare share of recent requests on which an input guardrail triggered
 */
public record DriftMeasured(
    String route,
    double statistic,
    double threshold,
    double pValue,
    double score,
    int samples,
    double unanswerableShare,
    double guardrailTriggerShare)
    implements GantryEvent {

  public boolean drifted() {
    return score > 1;
  }
}
