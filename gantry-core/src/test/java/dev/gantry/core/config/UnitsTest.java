package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void durations_accept_ms_s_m_h_and_bare_milliseconds() {
    assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Units.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Units.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Units.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Units.parseDuration("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(Units.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Units.parseDuration(" 2 s ")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Units.parseDuration("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void malformed_durations_are_rejected() {
    for (String s : new String[] {"", "s", "1.5s", "-1s", "10w", "1m30s", "5 minutes", "5M"}) {
      assertThat(Units.parseDuration(s)).as(s).isNull();
    }
  }

  @Test
  void sizes_are_1024_based_and_case_insensitive() {
    assertThat(Units.parseSize("512KB")).isEqualTo(512 * 1024);
    assertThat(Units.parseSize("4MB")).isEqualTo(4L << 20);
    assertThat(Units.parseSize("1GB")).isEqualTo(1L << 30);
    assertThat(Units.parseSize("4mb")).isEqualTo(4L << 20);
    assertThat(Units.parseSize("2MiB")).isEqualTo(2L << 20);
    assertThat(Units.parseSize("1024")).isEqualTo(1024);
    assertThat(Units.parseSize("100B")).isEqualTo(100);
  }

  @Test
  void malformed_or_overflowing_sizes_are_rejected() {
    for (String s : new String[] {"", "MB", "1.5MB", "-1KB", "4TB", "999999999999999GB"}) {
      assertThat(Units.parseSize(s)).as(s).isEqualTo(-1);
    }
  }

  @Test
  void formatting_uses_the_largest_exact_unit() {
    assertThat(Units.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Units.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Units.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(Units.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Units.format(Duration.ZERO)).isEqualTo("0ms");
    assertThat(Units.formatSize(4L << 20)).isEqualTo("4MB");
    assertThat(Units.formatSize(1536)).isEqualTo("1536 bytes");
  }

  @Test
  void suggestions_count_a_transposition_as_one_edit() {
    assertThat(Suggestions.distance("prot", "port")).isEqualTo(1);
    assertThat(Suggestions.didYouMean("prot", java.util.List.of("host", "port")))
        .isEqualTo("; did you mean 'port'?");
    assertThat(Suggestions.didYouMean("zzz", java.util.List.of("host", "port"))).isEmpty();
  }
}
