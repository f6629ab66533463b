package dev.gantry.core.config;

import java.util.Objects;

/**
 * A secret value (API key) read from the environment. Its {@link #toString()} never shows the
 * value, so a secret cannot leak through logs, error messages or printed configuration.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself: call only where it is sent to its upstream. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
