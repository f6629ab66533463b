package dev.gantry.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainHashTest {
  private static final ChainFields FIELDS =
      new ChainFields(
          ChainFields.REQUEST,
          1_740_823_200_000L,
          "acme",
          "req-1",
          "key_1",
          null,
          "support",
          "gpt-4o-mini@openai",
          200,
          "[]",
          10L,
          2L,
          null,
          350L,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  @Test
  void the_canonical_hash_is_stable_across_versions() {
    // Pinned: changing the encoding would make every stored chain fail verification.
    assertThat(ChainHash.hash(1, FIELDS, ChainHash.GENESIS))
        .isEqualTo(ChainHash.hash(1, FIELDS, ChainHash.GENESIS))
        .hasSize(64)
        .isEqualTo(PINNED);
  }

  @Test
  void null_and_empty_text_hash_differently() {
    ChainFields empty =
        new ChainFields(
            ChainFields.REQUEST,
            1_740_823_200_000L,
            "acme",
            "req-1",
            "key_1",
            null,
            "support",
            "gpt-4o-mini@openai",
            200,
            "",
            10L,
            2L,
            null,
            350L,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ChainFields none =
        new ChainFields(
            ChainFields.REQUEST,
            1_740_823_200_000L,
            "acme",
            "req-1",
            "key_1",
            null,
            "support",
            "gpt-4o-mini@openai",
            200,
            null,
            10L,
            2L,
            null,
            350L,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(ChainHash.hash(1, empty, ChainHash.GENESIS))
        .isNotEqualTo(ChainHash.hash(1, none, ChainHash.GENESIS));
  }

  @Test
  void moving_text_between_adjacent_fields_changes_the_hash() {
    ChainFields shifted =
        new ChainFields(
            ChainFields.REQUEST,
            1_740_823_200_000L,
            "acmereq-1",
            "",
            "key_1",
            null,
            "support",
            "gpt-4o-mini@openai",
            200,
            "[]",
            10L,
            2L,
            null,
            350L,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(ChainHash.hash(1, shifted, ChainHash.GENESIS))
        .isNotEqualTo(ChainHash.hash(1, FIELDS, ChainHash.GENESIS));
  }

  @Test
  void sequence_number_and_predecessor_are_part_of_the_hash() {
    String h = ChainHash.hash(1, FIELDS, ChainHash.GENESIS);
    assertThat(ChainHash.hash(2, FIELDS, ChainHash.GENESIS)).isNotEqualTo(h);
    assertThat(ChainHash.hash(1, FIELDS, "1".repeat(64))).isNotEqualTo(h);
  }

  @Test
  void commitments_depend_on_the_salt() {
    byte[] a = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "0123456789abcdeg".getBytes(StandardCharsets.US_ASCII);
    assertThat(ChainHash.commit("customer", a, "alice"))
        .isNotEqualTo(ChainHash.commit("customer", b, "alice"))
        .isNotEqualTo(ChainHash.commit("payload", a, "alice"));
  }

  private static final String PINNED =
      "c5caf94c848fc0976b132b90c1493adf522e44dac71898d67e6c1641f0551b48";
}
