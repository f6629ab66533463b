package dev.gantry.core.cost;

import dev.gantry.core.api.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a request's cost controls decide and measure, kept on its {@link
 * dev.gantry.core.pipeline.Exchange}: the calls it made and what each cost, the tier it started on
 * and any escalation, the tokens the optimiser saved, the worst case reserved against spend limits,
 * its attribution tags. Owned by one request and touched only on its event loop; not thread-safe.
 * Amounts in USD micro-units, counts in tokens.
 */
public final class CostSheet {
  private final List<CallCost> calls = new ArrayList<>(1);
  private final List<Escalation> escalations = new ArrayList<>(0);
  private List<String> tags = List.of();
  private TierDecision tier;
  private long tokensBefore = -1;
  private long tokensAfter = -1;
  private long worstCaseMicros = -1;
  private long retryAfterSeconds;
  private boolean ledgerWritten;

  /** Records one upstream call's cost. */
  public void call(CallCost call) {
    calls.add(call);
  }

  /** Marks every call so far as discarded (a cascade is moving on to the next tier). */
  public void discardCalls() {
    calls.replaceAll(c -> c.discarded() ? c : c.discard());
  }

  public List<CallCost> calls() {
    return Collections.unmodifiableList(calls);
  }

  /**
   * The request's total: the sum of every call (discarded ones included). {@link
   * Cost.Status#UNKNOWN} when any call's price is unknown, else {@link Cost.Status#ESTIMATED} when
   * any call was counted by Gantry, else exact; {@link Cost#NONE} without calls.
   */
  public Cost total() {
    if (calls.isEmpty()) {
      return Cost.NONE;
    }
    long micros = 0;
    boolean estimated = false;
    String pricedAs = null;
    for (CallCost c : calls) {
      if (!c.cost().known()) {
        return Cost.unknown(c.cost().pricedAs());
      }
      micros = Math.addExact(micros, c.cost().micros());
      estimated |= c.cost().status() == Cost.Status.ESTIMATED;
      pricedAs = c.cost().pricedAs();
    }
    return new Cost(micros, estimated ? Cost.Status.ESTIMATED : Cost.Status.EXACT, pricedAs);
  }

  /** The sum of the calls whose price is known, for settling spend limits. */
  public long knownMicros() {
    long micros = 0;
    for (CallCost c : calls) {
      micros = Math.addExact(micros, c.cost().micros());
    }
    return micros;
  }

  /** The tokens of every call, added up class by class. */
  public Usage usage() {
    Usage sum = Usage.ZERO;
    for (CallCost c : calls) {
      sum = sum.plus(c.usage());
    }
    return sum;
  }

  /** The tier the request started on, or null for a route without tiers. */
  public TierDecision tier() {
    return tier;
  }

  public void tier(TierDecision decision) {
    this.tier = decision;
  }

  public void escalate(Escalation e) {
    escalations.add(e);
  }

  public List<Escalation> escalations() {
    return Collections.unmodifiableList(escalations);
  }

  /** The tier that gave the final answer (after escalations), or null without tiers. */
  public String finalTier() {
    if (!escalations.isEmpty()) {
      return escalations.get(escalations.size() - 1).to();
    }
    return tier == null ? null : tier.tier();
  }

  /** Records the request's input size before and after token optimisation, in tokens. */
  public void optimized(long before, long after) {
    this.tokensBefore = before;
    this.tokensAfter = after;
  }

  /** Tokens the optimiser removed from the request (0 when it did not run). */
  public long tokensSaved() {
    return tokensBefore < 0 ? 0 : Math.max(0, tokensBefore - tokensAfter);
  }

  /** Input tokens before optimisation, or -1 when it did not run. */
  public long tokensBefore() {
    return tokensBefore;
  }

  /** Attribution tags from {@code x-gantry-tags}. */
  public List<String> tags() {
    return tags;
  }

  public void tags(List<String> values) {
    this.tags = List.copyOf(values);
  }

  /** The most the request may cost (input plus capped output), or -1 when not computed. */
  public long worstCaseMicros() {
    return worstCaseMicros;
  }

  public void worstCaseMicros(long micros) {
    this.worstCaseMicros = micros;
  }

  /** Seconds until a refused request may succeed (a spend limit's reset), or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public void retryAfterSeconds(long seconds) {
    this.retryAfterSeconds = seconds;
  }

  /** True once the request's spend-ledger entry has been handed to the store. */
  public boolean ledgerWritten() {
    return ledgerWritten;
  }

  public void ledgerWritten(boolean written) {
    this.ledgerWritten = written;
  }
}
