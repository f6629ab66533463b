package dev.gantry.gateway.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label's cardinality bounded: the first {@code max} distinct values are kept as they are,
 * every later one becomes {@code other}. Thread-safe.
 */
final class LabelCap {
  static final String OTHER = "other";
  static final String NONE = "none";

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  LabelCap(int max) {
    this.max = max;
  }

  boolean enabled() {
    return max > 0;
  }

  String of(String value) {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (admitted.size() < max) {
        admitted.add(value);
        return value;
      }
    }
    return admitted.contains(value) ? value : OTHER;
  }
}
