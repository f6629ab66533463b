package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.time.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  @TempDir Path dir;
  Path file;
  final List<GantryConfig> applied = new ArrayList<>();
  final List<ConfigException> invalid = new ArrayList<>();
  final ManualTime time = new ManualTime();
  ConfigWatcher watcher;

  static String config(int port) {
    return "server: {port: " + port + "}\n" + ConfigValidationTest.PROVIDERS_AND_ROUTE;
  }

  @BeforeEach
  void startWithAValidFile() throws IOException {
    file = dir.resolve("gantry.yaml");
    Files.writeString(file, config(8080));
    watcher = newWatcher(Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    watcher.close();
  }

  ConfigWatcher newWatcher(Duration interval) {
    return new ConfigWatcher(
        file,
        interval,
        Map.of(),
        applied::add,
        (path, e) -> {
          assertThat(path).isEqualTo(file);
          invalid.add(e);
        },
        time);
  }

  int appliedPort() {
    return applied.get(applied.size() - 1).server().port();
  }

  @Test
  void unchanged_file_applies_nothing() {
    watcher.checkNow();

    assertThat(applied).isEmpty();
    assertThat(invalid).isEmpty();
  }

  @Test
  void valid_change_is_applied_once() throws IOException {
    Files.writeString(file, config(9000));

    watcher.checkNow();
    watcher.checkNow();

    assertThat(applied).hasSize(1);
    assertThat(appliedPort()).isEqualTo(9000);
    assertThat(invalid).isEmpty();
  }

  @Test
  void invalid_change_is_reported_once_and_a_later_fix_is_applied() throws IOException {
    Files.writeString(file, config(70000));

    watcher.checkNow();
    watcher.checkNow();

    assertThat(applied).isEmpty();
    assertThat(invalid).hasSize(1);
    assertThat(invalid.get(0).problems())
        .containsExactly("server.port: 70000 is out of range; allowed 0..65535");

    Files.writeString(file, config(9001));
    watcher.checkNow();

    assertThat(applied).hasSize(1);
    assertThat(appliedPort()).isEqualTo(9001);
    assertThat(invalid).hasSize(1);
  }

  @Test
  void half_written_file_is_reported_and_the_completed_file_applied() throws IOException {
    String full = config(9002);
    Files.writeString(file, full.substring(0, full.indexOf("{provider")));

    watcher.checkNow();
    Files.writeString(file, full);
    watcher.checkNow();

    assertThat(invalid).hasSize(1);
    assertThat(applied).hasSize(1);
    assertThat(appliedPort()).isEqualTo(9002);
  }

  @Test
  void undoing_a_bad_edit_applies_nothing() throws IOException {
    Files.writeString(file, "server: [\n");
    watcher.checkNow();
    Files.writeString(file, config(8080));
    watcher.checkNow();

    assertThat(invalid).hasSize(1);
    assertThat(applied).isEmpty();
  }

  @Test
  void deleted_file_is_reported_once_and_a_new_file_is_applied() throws IOException {
    Files.delete(file);

    watcher.checkNow();
    watcher.checkNow();
    watcher.checkNow();

    assertThat(invalid).hasSize(1);
    assertThat(invalid.get(0).getMessage())
        .isEqualTo(file + ": file not found; keeping the current configuration");
    assertThat(applied).isEmpty();

    Files.writeString(file, config(8080));
    watcher.checkNow();
    assertThat(applied).as("same content as before the deletion").isEmpty();

    Files.writeString(file, config(9003));
    watcher.checkNow();
    assertThat(appliedPort()).isEqualTo(9003);

    Files.delete(file);
    watcher.checkNow();
    assertThat(invalid).as("a second deletion is reported again").hasSize(2);
  }

  @Test
  void touch_without_content_change_is_ignored() throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    watcher.checkNow();
    Files.writeString(file, config(8080));
    watcher.checkNow();

    assertThat(applied).isEmpty();
    assertThat(invalid).isEmpty();
  }

  @Test
  void atomic_rename_over_the_file_is_applied() throws IOException {
    Path tmp = dir.resolve(".gantry.yaml.tmp");
    Files.writeString(tmp, config(9004));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    watcher.checkNow();

    assertThat(appliedPort()).isEqualTo(9004);
  }

  @Test
  void start_schedules_checks_at_the_interval_and_close_cancels_them() throws IOException {
    watcher.start();

    assertThat(time.pendingDelays()).containsExactly(Duration.ofSeconds(2));
    assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);
    Files.writeString(file, config(9005));
    time.advance(Duration.ofMillis(1999));
    assertThat(applied).isEmpty();
    time.advance(Duration.ofMillis(1));
    assertThat(appliedPort()).isEqualTo(9005);
    assertThat(time.pendingDelays()).containsExactly(Duration.ofSeconds(2));

    watcher.close();
    assertThat(time.pending()).isZero();
    Files.writeString(file, config(9006));
    watcher.checkNow();
    time.advance(Duration.ofMinutes(1));
    assertThat(applied).hasSize(1);
  }

  @Test
  void zero_interval_schedules_nothing() {
    ConfigWatcher off = newWatcher(Duration.ZERO);

    off.start();

    assertThat(time.pending()).isZero();
    off.close();
  }

  @Test
  void a_throwing_callback_does_not_stop_the_schedule() throws IOException {
    List<Integer> seen = new ArrayList<>();
    ConfigWatcher throwing =
        new ConfigWatcher(
            file,
            Duration.ofSeconds(1),
            Map.of(),
            c -> {
              seen.add(c.server().port());
              throw new IllegalStateException("boom");
            },
            (p, e) -> {},
            time);
    throwing.start();
    Files.writeString(file, config(9007));

    time.advance(Duration.ofSeconds(1));
    Files.writeString(file, config(9008));
    time.advance(Duration.ofSeconds(1));

    assertThat(seen).containsExactly(9007, 9008);
    throwing.close();
  }
}
