package dev.gantry.store.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Monitoring's durable state. Thread-safe; every method is a blocking JDBC call (run it on a
 * worker, never on an event loop).
 */
public interface MonitoringStore {

  /** Inserts or replaces periods of rollups (keyed by resolution, start, tenant and route). */
  void saveRollups(List<RollupRow> rows);

  /** Every stored minute (or hour) that starts at {@code fromMinute} or later. */
  List<RollupRow> loadRollups(boolean hourly, long fromMinute);

  /** Deletes minutes (or hours) that start before {@code beforeMinute}; returns how many. */
  long purgeRollups(boolean hourly, long beforeMinute);

  void addFeedback(FeedbackRecord record);

  /** Feedback by route and model since {@code from}; {@code tenant} null means every tenant. */
  List<FeedbackSummary> feedbackSummary(String tenant, Instant from);

  void addEvalRun(EvalRunRecord run);

  /**
   * The latest runs of {@code name}, newest first; every evaluation's when {@code name} is null.
   */
  List<EvalRunRecord> evalRuns(String name, int limit);

  /** The newest run of {@code name}, report included. */
  Optional<EvalRunRecord> lastEvalRun(String name);
}
