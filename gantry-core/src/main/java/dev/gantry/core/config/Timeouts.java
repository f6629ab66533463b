package dev.gantry.core.config;

import java.time.Duration;

/**
 * Per-upstream deadlines. {@code connect}: TCP/TLS connection set-up; {@code firstByte}: from
 * sending the request to the first byte of the response; {@code idle}: longest silence between two
 * chunks of a streamed response; {@code total}: the whole attempt.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
  public static final Timeouts DEFAULTS =
      new Timeouts(
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));

  public Timeouts {
    positive("connect", connect);
    positive("first_byte", firstByte);
    positive("idle", idle);
    positive("total", total);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "timeouts." + name + " must be a positive duration, was " + d);
    }
  }
}
