package dev.gantry.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and byte sizes as written in {@code gantry.yaml}. Durations: {@code 250ms}, {@code
 * 30s}, {@code 5m}, {@code 1h}, {@code 30d}, or a bare integer of milliseconds. Sizes: a bare
 * integer of bytes or {@code 512B}, {@code 512KB}, {@code 4MB}, {@code 1GB} (1024-based; {@code
 * KiB/MiB/GiB} and {@code K/M/G} are accepted too, case-insensitive). Stateless.
 */
public final class Units {
  static final String DURATION_FORMS = "use e.g. 250ms, 30s, 5m, 1h, 30d or integer milliseconds";
  static final String SIZE_FORMS = "use e.g. 512KB, 4MB, 1GB (1024-based) or integer bytes";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private Units() {}

  /** The duration, or null when {@code text} is not one. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    try {
      switch (unit) {
        case "d":
          return Duration.ofDays(n);
        case "h":
          return Duration.ofHours(n);
        case "m":
          return Duration.ofMinutes(n);
        case "s":
          return Duration.ofSeconds(n);
        default:
          return Duration.ofMillis(n);
      }
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** The size in bytes, or -1 when {@code text} is not one. */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift;
    switch (unit.charAt(0)) {
      case 'k':
        shift = 10;
        break;
      case 'm':
        shift = 20;
        break;
      case 'g':
        shift = 30;
        break;
      default:
        shift = 0;
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      return -1;
    }
    return n << shift;
  }

  /** The shortest exact form: {@code 2d}, {@code 1h}, {@code 5m}, {@code 30s} or {@code 250ms}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms != 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** The shortest exact form: {@code 1GB}, {@code 4MB}, {@code 512KB} or bytes. */
  static String formatSize(long bytes) {
    String[] units = {"GB", "MB", "KB"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return bytes + " bytes";
  }
}
