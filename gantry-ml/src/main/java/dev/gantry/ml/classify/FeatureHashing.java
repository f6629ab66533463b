package dev.gantry.ml.classify;

/**
 * The hashing trick for sparse text features: a feature name (a word, a word pair, a character
 * n-gram, with a prefix saying which) goes to one of a fixed number of buckets. Built on {@link
 * String#hashCode()}, whose value the Java specification fixes, followed by a mixing step, so a
 * feature lands in the same bucket on every JVM and machine. Stateless.
 */
public final class FeatureHashing {
  private FeatureHashing() {}

  /** The bucket of {@code feature}, in {@code [0, buckets)}. */
  public static int bucket(String feature, int buckets) {
    int h = feature.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, buckets);
  }
}
