package dev.gantry.store.audit;

/**
 * Counters of the audit writer since the store opened.
 *
 * @param committed records committed
 * @param batches transactions committed
 * @param largestBatch most records committed in one transaction
 * @param failed records whose batch failed to commit
 * @param rejected appends refused because the queue was full
 * @param queued records waiting now
 */
public record WriterStats(
    long committed, long batches, int largestBatch, long failed, long rejected, int queued) {
  /** Mean records per committed transaction. */
  public double meanBatch() {
    return batches == 0 ? 0 : (double) committed / batches;
  }
}
