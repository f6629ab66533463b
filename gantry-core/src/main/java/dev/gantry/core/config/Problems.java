package dev.gantry.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects validation problems as {@code path: message} lines. Not thread-safe; one per load. */
final class Problems {
  private final List<String> lines = new ArrayList<>();

  void add(String path, String message) {
    lines.add(path.isEmpty() ? message : path + ": " + message);
  }

  int size() {
    return lines.size();
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
