package dev.gantry.gateway.metrics;

import java.util.function.DoubleSupplier;

/**
 * Where a component registers the values it exports, read at each scrape ({@link Metrics#gauge}): a
 * counter when the name ends in {@code _total}, else a gauge; {@code labels} are name/value pairs.
 */
@FunctionalInterface
public interface GaugeSink {
  void gauge(String name, DoubleSupplier value, String... labels);
}
