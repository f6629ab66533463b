package dev.gantry.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.crypto.DataKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cache entries and purges as two stores on one database see them. */
class ResponseCacheLogTest {
  @TempDir Path tmp;
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  static StoredAnswer entry(String scope, String route, String question, Instant expires) {
    return new StoredAnswer(
        0,
        scope,
        route,
        "v1",
        "key-" + question.hashCode(),
        "fp",
        question,
        new float[] {0.6f, -0.8f, 0f},
        "{\"choices\":[]}",
        123,
        NOW,
        expires);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void a_second_store_reads_entries_with_their_vectors_and_the_purges(Backend backend) {
    StoreConfig config = backend.freshConfig(tmp);
    try (Store a = Store.open(config);
        Store b = Store.open(config)) {
      StoredAnswer one = a.cache().add(entry("acme", "faq", "q1", NOW.plusSeconds(60)));
      StoredAnswer two = a.cache().add(entry("globex", "faq", "q2", NOW.plusSeconds(60)));
      a.cache().add(entry("acme", "faq", "old", NOW.minusSeconds(1)));
      assertThat(two.seq()).isGreaterThan(one.seq());

      List<StoredAnswer> seen = b.cache().entriesAfter(0, NOW, 100);
      assertThat(seen).extracting(StoredAnswer::question).containsExactly("q1", "q2");
      assertThat(seen.get(0).embedding()).containsExactly(0.6f, -0.8f, 0f);
      assertThat(seen.get(0).costMicros()).isEqualTo(123);
      assertThat(b.cache().entriesAfter(one.seq(), NOW, 100)).hasSize(1);

      ResponseCacheLog.Purged purged = b.cache().purge("faq", "acme", NOW);
      assertThat(purged.deleted()).isEqualTo(2);
      List<CachePurge> purges = a.cache().purgesAfter(0);
      assertThat(purges).hasSize(1);
      assertThat(purges.get(0).covers(one)).isTrue();
      assertThat(purges.get(0).covers(two)).isFalse();
      assertThat(a.cache().entriesAfter(0, NOW, 100))
          .extracting(StoredAnswer::question)
          .containsExactly("q2");
      assertThat(a.cache().deleteExpired(NOW.plusSeconds(61))).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void question_and_answer_are_sealed_at_rest_and_a_wrong_key_reads_nothing(Backend backend)
      throws Exception {
    StoreConfig config = backend.freshConfig(tmp);
    StoredAnswer secret =
        new StoredAnswer(
            0,
            "acme",
            "faq",
            "v1",
            "key-1",
            "fp",
            "What is the vault code of Zanzibar Station?",
            new float[] {1f, 0f},
            "{\"choices\":[{\"message\":{\"content\":\"The vault code is ORCHID-4471.\"}}]}",
            7,
            NOW,
            NOW.plusSeconds(60));
    long seq;
    try (Store a = Store.open(config)) {
      seq = a.cache().add(secret).seq();
      assertThat(a.cache().entriesAfter(0, NOW, 10))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.question()).isEqualTo(secret.question());
                assertThat(e.answer()).isEqualTo(secret.answer());
              });
    }
    try (Connection c = Backend.raw(config);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT question, answer, key_id FROM response_cache")) {
      assertThat(rs.next()).isTrue();
      String row = rs.getString(1) + rs.getString(2);
      assertThat(row).doesNotContain("ORCHID").doesNotContain("Zanzibar");
      assertThat(new String(Base64.getDecoder().decode(rs.getString(2)), StandardCharsets.UTF_8))
          .doesNotContain("ORCHID");
      assertThat(rs.getString(3)).isEqualTo("k1");
    }
    DataKeys otherBytes = DataKeys.parse("k1:" + Base64.getEncoder().encodeToString(Backend.KEY_2));
    DataKeys otherId = DataKeys.parse("k2:" + Base64.getEncoder().encodeToString(Backend.KEY_1));
    for (DataKeys wrong : List.of(otherBytes, otherId, DataKeys.none())) {
      try (Store b = Store.open(config.withDataKeys(wrong))) {
        ResponseCacheLog.Batch batch = b.cache().read(0, NOW, 10);
        assertThat(batch.entries()).as("read with %s", wrong).isEmpty();
        assertThat(batch.unreadable()).containsExactly(seq);
        assertThat(batch.scanned()).isEqualTo(1);
        assertThat(batch.lastSeq()).isEqualTo(seq);
      }
    }
  }
}
