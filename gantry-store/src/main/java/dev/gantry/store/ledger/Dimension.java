package dev.gantry.store.ledger;

import java.util.Locale;

/** What usage can be grouped by. */
public enum Dimension {
  TENANT,
  KEY,
  CUSTOMER,
  ROUTE,
  PROVIDER,
  MODEL,
  TIER,
  TAG,
  DAY,
  MONTH;

  /** The name used in URLs, CSV headers and on the command line, e.g. {@code customer}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label (any case); null when unknown. */
  public static Dimension parse(String label) {
    for (Dimension d : values()) {
      if (d.label().equalsIgnoreCase(label.strip())) {
        return d;
      }
    }
    return null;
  }
}
