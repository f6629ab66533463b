package dev.gantry.store.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.MutableClock;
import dev.gantry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseStoreTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;

  private static StoredResponse response(String id, String tenant, Duration life) {
    return new StoredResponse(
        id,
        tenant,
        T0,
        T0.plus(life),
        ("{\"response\":{\"id\":\"" + id + "\"},\"secret\":\"pelican\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_tenant_reads_and_deletes_only_its_own_responses(Backend backend) {
    MutableClock clock = new MutableClock(T0);
    try (Store store = Store.open(backend.freshConfig(tmp), clock)) {
      ResponseStore responses = store.responses();
      responses.put(response("resp_a", "alpha", Duration.ofDays(30)));
      assertThat(responses.get("alpha", "resp_a")).isPresent();
      assertThat(new String(responses.get("alpha", "resp_a").get().body(), StandardCharsets.UTF_8))
          .contains("pelican");
      assertThat(responses.get("beta", "resp_a")).isEmpty();
      assertThat(responses.delete("beta", "resp_a")).isFalse();
      assertThat(responses.delete("alpha", "resp_a")).isTrue();
      assertThat(responses.get("alpha", "resp_a")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void responses_past_their_retention_are_not_returned_and_are_purged(Backend backend) {
    MutableClock clock = new MutableClock(T0);
    try (Store store = Store.open(backend.freshConfig(tmp), clock)) {
      ResponseStore responses = store.responses();
      responses.put(response("resp_short", "alpha", Duration.ofHours(1)));
      responses.put(response("resp_long", "alpha", Duration.ofDays(30)));
      clock.advance(Duration.ofHours(2));
      assertThat(responses.get("alpha", "resp_short")).isEmpty();
      assertThat(responses.get("alpha", "resp_long")).isPresent();
      assertThat(responses.purgeExpired()).isEqualTo(1);
      assertThat(responses.purgeExpired()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void stored_conversations_are_sealed_with_the_data_key(Backend backend) throws Exception {
    var config = backend.freshConfig(tmp);
    try (Store store = Store.open(config, new MutableClock(T0))) {
      store.responses().put(response("resp_x", "alpha", Duration.ofDays(1)));
    }
    try (Connection c = Backend.raw(config);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key_id, body FROM responses")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isNotNull();
      assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain("pelican");
    }
  }
}
