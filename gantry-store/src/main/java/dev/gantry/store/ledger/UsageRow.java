package dev.gantry.store.ledger;

import java.util.Map;

/**
 * Sums over the ledger rows of one group of a {@link UsageQuery}.
 *
 * @param group the group's value for each dimension of the query (null when the rows had none)
 * @param costMicros USD micro-units
 * @param estimated requests whose cost was estimated from Gantry's own token count
 * @param unknown requests whose cost could not be computed (no price for the model)
 * @param escalations requests a cascade moved to a more capable tier
 * @param cacheHits requests answered from a cache
 */
public record UsageRow(
    Map<Dimension, String> group,
    long requests,
    long promptTokens,
    long cachedTokens,
    long cacheWriteTokens,
    long completionTokens,
    long reasoningTokens,
    long costMicros,
    long estimated,
    long unknown,
    long escalations,
    long cacheHits,
    long tokensSaved) {

  /** This row plus {@code o} (same group). */
  public UsageRow plus(UsageRow o) {
    return new UsageRow(
        group,
        requests + o.requests,
        promptTokens + o.promptTokens,
        cachedTokens + o.cachedTokens,
        cacheWriteTokens + o.cacheWriteTokens,
        completionTokens + o.completionTokens,
        reasoningTokens + o.reasoningTokens,
        costMicros + o.costMicros,
        estimated + o.estimated,
        unknown + o.unknown,
        escalations + o.escalations,
        cacheHits + o.cacheHits,
        tokensSaved + o.tokensSaved);
  }
}
