package dev.gantry.gateway.limits;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Counts requests per minute, tokens per minute and requests in flight for rate-limit subjects; one
 * acquisition takes a request's share from every limit that applies, atomically: all or none.
 * Implementations: {@link LocalRateStore} (one process, Bucket4j token buckets) and {@link
 * RedisRateStore} (one Lua script per acquisition, exact across replicas). Shared and thread-safe;
 * {@link #acquire} does not block the calling thread.
 */
public interface RateStore extends AutoCloseable {

  /**
   * Takes one request, {@code tokens} tokens and one concurrency slot (held as {@code leaseId})
   * from every key's limits, or nothing.
   *
   * @param tokens the request's token estimate (input plus reserved output)
   */
  CompletionStage<RateResult> acquire(String leaseId, List<RateKey> keys, long tokens);

  /**
   * Like {@link #acquire(String, List, long)}, and when every limit took its share, also reserves
   * {@code claim} (a request's spend) in the same step if the store can: all of it if it fits, else
   * none of it, and nothing when the rate limits refuse. The grant's {@link
   * RateResult.Granted#claimed} is the claim's permit, or null when it was not reserved (the caller
   * then reserves it on its own). A store that shares no spend admission ignores the claim: the
   * default.
   *
   * @param claim what to reserve with the rate limits, or null
   */
  default CompletionStage<RateResult> acquire(
      String leaseId, List<RateKey> keys, long tokens, Claim claim) {
    return acquire(leaseId, keys, tokens);
  }

  /**
   * Gives back the concurrency slots of a granted lease and reconciles its token reservation with
   * what the request actually used ({@code actualTokens}, more or less than {@code
   * reservedTokens}). Does not block: the stage completes once the store has done it (a shared
   * store, after its round trip), and fails when it could not.
   */
  CompletionStage<Void> release(
      String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens);

  /** True when the store is shared by several processes (releases elsewhere are not seen). */
  default boolean shared() {
    return false;
  }

  @Override
  default void close() {}
}
