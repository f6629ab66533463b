package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
  @Test
  void sqlite_lives_in_one_file_in_the_data_directory() {
    StoreConfig c = StoreConfig.sqlite(Path.of("data"), Backend.SECRET);
    assertThat(c.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("data/gantry.db");
    assertThat(c.dialect()).isEqualTo(Dialect.SQLITE);
  }

  @Test
  void postgres_is_chosen_by_the_url() {
    StoreConfig c =
        StoreConfig.postgres(
            "jdbc:postgresql://db/gantry", "gantry", Secret.of("pw"), Backend.SECRET);
    assertThat(c.dialect()).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void out_of_range_settings_name_the_setting() {
    StoreConfig c = StoreConfig.sqlite(Path.of("data"), Backend.SECRET);
    assertThatThrownBy(() -> c.withPoolSize(0)).hasMessageContaining("store.pool_size");
    assertThatThrownBy(() -> c.withAuditQueue(0, 10))
        .hasMessageContaining("store.audit.queue_capacity");
    assertThatThrownBy(() -> c.withBusyTimeout(Duration.ofHours(1)))
        .hasMessageContaining("store.busy_timeout");
    assertThatThrownBy(() -> StoreConfig.postgres("jdbc:mysql://x/y", null, null, Backend.SECRET))
        .hasMessageContaining("store.url");
  }

  @Test
  void printing_a_config_hides_passwords_and_secrets() {
    StoreConfig c =
        StoreConfig.postgres(
            "jdbc:postgresql://db/gantry?user=u&password=hunter2",
            "u",
            Secret.of("hunter3"),
            Backend.SECRET);
    assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("hunter3");
    assertThat(Backend.SECRET.toString()).doesNotContain("thirty-two");
  }
}
