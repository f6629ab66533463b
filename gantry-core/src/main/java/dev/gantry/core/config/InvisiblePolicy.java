package dev.gantry.core.config;

import java.util.Locale;

/** What the sanitiser does with invisible characters it finds ({@code sanitize.invisible}). */
public enum InvisiblePolicy {
  /** Forward the request unchanged and report what was found. */
  REPORT,
  /** Forward a copy with the characters removed from message text, and report what was removed. */
  STRIP,
  /** Answer 400 naming the first finding. */
  REJECT;

  /**
   * The value as written in {@code gantry.yaml}: {@code report}, {@code strip} or {@code reject}.
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads the value written in {@code gantry.yaml}.
   *
   * @throws IllegalArgumentException naming {@code sanitize.invisible}, the value and the choices
   */
  public static InvisiblePolicy fromConfig(String value) {
    for (InvisiblePolicy p : values()) {
      if (p.configName().equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "sanitize.invisible must be one of report, strip, reject, was '" + value + "'");
  }
}
