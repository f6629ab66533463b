package dev.gantry.core.config;

import static dev.gantry.core.config.ConfigValidationTest.PROVIDERS_AND_ROUTE;
import static dev.gantry.core.config.ConfigValidationTest.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesRetentionConfigTest {
  static Duration retention(String storage) throws Exception {
    return ConfigLoader.parse(storage + PROVIDERS_AND_ROUTE, Map.of(), "gantry.yaml")
        .security()
        .storage()
        .responsesRetention();
  }

  @Test
  void defaults_to_thirty_days_and_reads_days_hours_and_minutes() throws Exception {
    assertThat(retention("")).isEqualTo(Duration.ofDays(30));
    assertThat(retention("storage: {responses_retention: 7d}\n")).isEqualTo(Duration.ofDays(7));
    assertThat(retention("storage: {responses_retention: 90m}\n"))
        .isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void out_of_range_or_malformed_retention_names_path_value_and_range() {
    assertThat(problems("storage: {responses_retention: 0s}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly("storage.responses_retention: 0ms is out of range; allowed 1m..3650d");
    assertThat(problems("storage: {responses_retention: 3651d}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly("storage.responses_retention: 3651d is out of range; allowed 1m..3650d");
    assertThat(problems("storage: {responses_retention: forever}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly(
            "storage.responses_retention: 'forever' is not a duration; use e.g. 250ms, 30s, 5m,"
                + " 1h, 30d or integer milliseconds");
  }

  @Test
  void the_record_refuses_a_retention_out_of_range() {
    assertThatThrownBy(
            () -> new SecurityConfig.Storage(null, null, null, true, Duration.ofSeconds(59)))
        .hasMessage("storage.responses_retention: 59s is out of range; allowed 1m..3650d");
  }
}
