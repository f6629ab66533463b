package dev.gantry.sim;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} requests received, oldest first. Thread-safe. */
final class ReceivedLog {
  private final int capacity;
  private final ArrayDeque<Simulator.Received> entries;

  ReceivedLog(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  synchronized void add(Simulator.Received received) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(received);
  }

  synchronized List<Simulator.Received> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
