package dev.gantry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.keys.CreatedKey;
import dev.gantry.store.keys.KeySpec;
import dev.gantry.store.keys.Role;
import dev.gantry.store.keys.ServerSecret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key stops working the moment it expires, whether or not its check is cached. */
class KeyExpiryTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    private Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void a_cached_key_is_refused_once_its_expiry_has_passed(@TempDir Path dir) {
    HandClock clock = new HandClock();
    try (Store store =
        Store.open(
            StoreConfig.sqlite(dir, ServerSecret.fromText("key-expiry-secret-0123456789abcdef")),
            clock)) {
      CreatedKey k =
          store
              .keys()
              .create(KeySpec.of("acme", Role.APP, "short-lived").expiringAt(T0.plusSeconds(2)));
      Authenticator auth =
          new Authenticator(store.keys(), Duration.ofMinutes(5), Runnable::run, null, clock);
      assertThat(auth.authenticate(k.plaintext()).join()).isPresent();
      clock.advance(Duration.ofMillis(1_900));
      assertThat(auth.cached(k.plaintext())).isPresent();
      clock.advance(Duration.ofMillis(100));
      assertThat(auth.cached(k.plaintext())).as("cached, but expired").isEmpty();
      assertThat(auth.authenticate(k.plaintext()).join()).isEmpty();
    }
  }

  @Test
  void a_key_without_expiry_stays_valid_from_the_cache(@TempDir Path dir) {
    HandClock clock = new HandClock();
    try (Store store =
        Store.open(
            StoreConfig.sqlite(dir, ServerSecret.fromText("key-expiry-secret-0123456789abcdef")),
            clock)) {
      CreatedKey k = store.keys().create(KeySpec.of("acme", Role.APP, "forever"));
      Authenticator auth =
          new Authenticator(store.keys(), Duration.ofMinutes(5), Runnable::run, null, clock);
      assertThat(auth.authenticate(k.plaintext()).join()).isPresent();
      clock.advance(Duration.ofDays(400));
      assertThat(auth.cached(k.plaintext())).isPresent();
    }
  }
}
