package dev.gantry.core.events;

import java.time.Instant;
import java.util.List;

/**
 * A scheduled evaluation ran.
 *
 * @param passRate share of cases that passed (0..1)
 * @param thresholdsPassed true when every threshold of the suite held
 * @param regressed metrics that dropped significantly against the previous run (bootstrap
 *     intervals), empty when none did or there was no previous run
 * @param error why the run could not be made, or null
 */
public record EvalRunCompleted(
    String name,
    String route,
    Instant at,
    int cases,
    double passRate,
    boolean thresholdsPassed,
    List<String> regressed,
    String error)
    implements GantryEvent {
  public EvalRunCompleted {
    regressed = List.copyOf(regressed);
  }

  public boolean failed() {
    return error != null || !thresholdsPassed || !regressed.isEmpty();
  }
}
