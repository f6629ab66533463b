package dev.gantry.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo for values that are pure functions of their key (token counts, chunk splits). It holds at
 * most {@code capacity} entries and forgets everything when full, which keeps it allocation-free on
 * the hot path of a load test where the same few strings repeat. Thread-safe.
 */
final class BoundedCache<K, V> {
  private final int capacity;
  private final Function<K, V> compute;
  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

  BoundedCache(int capacity, Function<K, V> compute) {
    this.capacity = capacity;
    this.compute = compute;
  }

  V get(K key) {
    V value = map.get(key);
    if (value != null) {
      return value;
    }
    value = compute.apply(key);
    if (map.size() >= capacity) {
      map.clear();
    }
    map.put(key, value);
    return value;
  }
}
