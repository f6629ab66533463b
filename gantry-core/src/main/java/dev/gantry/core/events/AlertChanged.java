package dev.gantry.core.events;

import java.time.Instant;
import java.util.Map;

/**
 * An alert started firing or resolved.
 *
 * @param value the value that decided the change (NaN when there was no data)
 */
public record AlertChanged(
    String name,
    String severity,
    boolean firing,
    Map<String, String> labels,
    String summary,
    double value,
    double threshold,
    Instant at)
    implements GantryEvent {
  public AlertChanged {
    labels = Map.copyOf(labels);
  }
}
