package dev.gantry.store.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.Backend;
import dev.gantry.store.MutableClock;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(T0);

  private Store open(StoreConfig config) {
    return Store.open(config, clock);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void created_key_authenticates_and_carries_its_metadata(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      CreatedKey k =
          store
              .keys()
              .create(
                  KeySpec.of("acme", Role.APP, "billing")
                      .withRoutes(List.of("support"))
                      .withEndpoints(List.of("chat.completions")));
      assertThat(k.plaintext()).matches("gk_[a-z2-7]{8}_[a-z2-7]{52}");
      assertThat(k.plaintext()).startsWith("gk_" + k.record().prefix() + "_");
      assertThat(k.toString()).doesNotContain(k.plaintext().substring(12));

      KeyRecord r = store.keys().authenticate(k.plaintext()).orElseThrow();
      assertThat(r).isEqualTo(k.record());
      assertThat(r.tenant()).isEqualTo("acme");
      assertThat(r.role()).isEqualTo(Role.APP);
      assertThat(r.createdAt()).isEqualTo(T0);
      assertThat(r.allowsRoute("support")).isTrue();
      assertThat(r.allowsRoute("sales")).isFalse();
      assertThat(r.allowsEndpoint("embeddings")).isFalse();
      assertThat(store.keys().get(r.id())).contains(r);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void only_the_prefix_and_an_hmac_of_the_key_are_stored(Backend backend) throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store store = open(config)) {
      CreatedKey k = store.keys().create(KeySpec.of("acme", Role.APP, "svc"));
      String secretPart = k.plaintext().substring(12);
      try (Connection c = Backend.raw(config);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM api_keys")) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          String text =
              v instanceof byte[] b
                  ? new String(b, StandardCharsets.ISO_8859_1)
                  : String.valueOf(v);
          assertThat(text).doesNotContain(secretPart);
        }
        assertThat(rs.getBytes("secret_hmac"))
            .isEqualTo(Backend.SECRET.hmac(k.plaintext().getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void wrong_unknown_and_malformed_keys_are_refused(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      String key = store.keys().create(KeySpec.of("acme", Role.APP, "svc")).plaintext();
      char last = key.charAt(key.length() - 1);
      String lastCharChanged = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
      String firstSecretCharChanged =
          key.substring(0, 12) + (key.charAt(12) == 'a' ? 'b' : 'a') + key.substring(13);
      String otherPrefix = "gk_aaaaaaaa" + key.substring(11);
      List<String> refused =
          new ArrayList<>(
              List.of(
                  lastCharChanged,
                  firstSecretCharChanged,
                  otherPrefix,
                  key.toUpperCase(java.util.Locale.ROOT),
                  key + "x",
                  key.substring(0, 20),
                  "",
                  "x".repeat(5000)));
      for (String k : refused) {
        assertThat(store.keys().authenticate(k)).as(k).isEmpty();
      }
      assertThat(store.keys().authenticate(null)).isEmpty();
      assertThat(store.keys().authenticate(key)).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void revoked_key_is_refused(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      CreatedKey k = store.keys().create(KeySpec.of("acme", Role.APP, "svc"));
      clock.advance(Duration.ofMinutes(1));
      assertThat(store.keys().revoke(k.record().id())).isTrue();
      assertThat(store.keys().revoke(k.record().id())).isFalse();
      assertThat(store.keys().revoke("key_nosuchkey")).isFalse();
      assertThat(store.keys().authenticate(k.plaintext())).isEmpty();
      assertThat(store.keys().get(k.record().id()).orElseThrow().revokedAt())
          .isEqualTo(T0.plus(Duration.ofMinutes(1)));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void key_stops_working_when_the_clock_reaches_its_expiry(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      CreatedKey k =
          store
              .keys()
              .create(KeySpec.of("acme", Role.APP, "svc").expiringAt(T0.plus(Duration.ofHours(1))));
      clock.advance(Duration.ofMinutes(59));
      assertThat(store.keys().authenticate(k.plaintext())).isPresent();
      clock.advance(Duration.ofMinutes(1));
      assertThat(store.keys().authenticate(k.plaintext())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rotation_issues_a_new_secret_with_the_same_metadata_and_revokes_the_old(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      Instant expiry = T0.plus(Duration.ofDays(30));
      CreatedKey old =
          store
              .keys()
              .create(
                  KeySpec.of("acme", Role.DEVELOPER, "laptop")
                      .withRoutes(List.of("a", "b"))
                      .expiringAt(expiry));
      clock.advance(Duration.ofHours(1));
      CreatedKey fresh = store.keys().rotate(old.record().id());

      assertThat(fresh.plaintext()).isNotEqualTo(old.plaintext());
      assertThat(fresh.record().id()).isNotEqualTo(old.record().id());
      assertThat(fresh.record().rotatedFrom()).isEqualTo(old.record().id());
      assertThat(fresh.record().tenant()).isEqualTo("acme");
      assertThat(fresh.record().role()).isEqualTo(Role.DEVELOPER);
      assertThat(fresh.record().name()).isEqualTo("laptop");
      assertThat(fresh.record().routes()).containsExactly("a", "b");
      assertThat(fresh.record().expiresAt()).isEqualTo(expiry);
      assertThat(store.keys().authenticate(fresh.plaintext())).isPresent();
      assertThat(store.keys().authenticate(old.plaintext())).isEmpty();

      assertThatThrownBy(() -> store.keys().rotate(old.record().id()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.keys().rotate("key_nosuchkey"))
          .isInstanceOf(NoSuchElementException.class);
      assertThat(store.keys().list("acme")).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void revocation_through_one_store_is_seen_by_another_at_once(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store a = open(config);
        Store b = open(config)) {
      CreatedKey k = a.keys().create(KeySpec.of("acme", Role.APP, "svc"));
      assertThat(b.keys().authenticate(k.plaintext())).isPresent();
      assertThat(b.keys().revoke(k.record().id())).isTrue();
      assertThat(a.keys().authenticate(k.plaintext())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bootstrap_admin_key_is_created_once_and_marks_the_first_start_done(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    String adminKey = "an operator chosen admin key of some length";
    try (Store store = open(config)) {
      assertThat(store.keys().hasActiveAdmin()).isFalse();
      KeyRecord first = store.keys().ensureBootstrapAdmin(adminKey, "ops");
      assertThat(first.role()).isEqualTo(Role.ADMIN);
      assertThat(store.keys().hasActiveAdmin()).isTrue();
      assertThat(store.keys().authenticate(adminKey)).contains(first);
      assertThat(store.keys().authenticate(adminKey + "!")).isEmpty();
    }
    try (Store again = open(config)) {
      KeyRecord second = again.keys().ensureBootstrapAdmin(adminKey, "ops");
      assertThat(again.keys().listAll()).hasSize(1);
      again.keys().revoke(second.id());
      assertThat(again.keys().hasActiveAdmin()).isFalse();
      assertThat(again.keys().ensureBootstrapAdmin(adminKey, "ops").revokedAt()).isNotNull();
      assertThat(again.keys().authenticate(adminKey)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void generated_keys_can_serve_as_bootstrap_keys_and_short_ones_cannot(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      String generated = "gk_abcdefgh_" + "a".repeat(52);
      store.keys().ensureBootstrapAdmin(generated, "ops");
      assertThat(store.keys().authenticate(generated).orElseThrow().prefix()).isEqualTo("abcdefgh");
      assertThatThrownBy(() -> store.keys().ensureBootstrapAdmin("short", "ops"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void expired_admin_keys_do_not_count_as_an_admin(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      store
          .keys()
          .create(KeySpec.of("ops", Role.ADMIN, "temp").expiringAt(T0.plus(Duration.ofMinutes(5))));
      store.keys().create(KeySpec.of("acme", Role.OPERATOR, "not admin"));
      assertThat(store.keys().hasActiveAdmin()).isTrue();
      clock.advance(Duration.ofMinutes(5));
      assertThat(store.keys().hasActiveAdmin()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void listing_by_tenant_shows_only_that_tenants_keys(Backend backend) {
    try (Store store = open(backend.freshConfig(tmp))) {
      store.keys().create(KeySpec.of("acme", Role.APP, "a1"));
      store.keys().create(KeySpec.of("acme", Role.APP, "a2"));
      store.keys().create(KeySpec.of("globex", Role.APP, "g1"));
      assertThat(store.keys().list("acme"))
          .extracting(KeyRecord::name)
          .containsExactlyInAnyOrder("a1", "a2");
      assertThat(store.keys().list("globex")).extracting(KeyRecord::name).containsExactly("g1");
      assertThat(store.keys().listAll()).hasSize(3);
    }
  }
}
