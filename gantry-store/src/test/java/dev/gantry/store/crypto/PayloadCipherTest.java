package dev.gantry.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {
  private static final byte[] AAD = "row-salt".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PLAIN = "the prompt and the answer".getBytes(StandardCharsets.UTF_8);

  private static byte[] key(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private static PayloadCipher cipher(DataKeys keys) {
    return new PayloadCipher(keys, new SecureRandom());
  }

  @Test
  void sealed_payload_opens_to_the_same_bytes() {
    PayloadCipher c = cipher(DataKeys.of("k1", Map.of("k1", key(1))));
    SealedPayload s = c.seal(PLAIN, AAD);
    assertThat(s.keyId()).isEqualTo("k1");
    assertThat(s.bytes()).hasSize(12 + PLAIN.length + 16);
    assertThat(c.open(s, AAD)).isEqualTo(PLAIN);
  }

  @Test
  void every_seal_uses_a_fresh_nonce() {
    PayloadCipher c = cipher(DataKeys.of("k1", Map.of("k1", key(1))));
    byte[] a = c.seal(PLAIN, AAD).bytes();
    byte[] b = c.seal(PLAIN, AAD).bytes();
    assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void a_different_key_under_the_same_id_does_not_open_it() {
    SealedPayload s = cipher(DataKeys.of("k1", Map.of("k1", key(1)))).seal(PLAIN, AAD);
    PayloadCipher wrong = cipher(DataKeys.of("k1", Map.of("k1", key(9))));
    assertThatThrownBy(() -> wrong.open(s, AAD))
        .isInstanceOf(PayloadUnreadableException.class)
        .hasMessageContaining("does not authenticate");
  }

  @Test
  void a_missing_key_a_flipped_bit_or_other_associated_data_do_not_open_it() {
    PayloadCipher c = cipher(DataKeys.of("k1", Map.of("k1", key(1))));
    SealedPayload s = c.seal(PLAIN, AAD);
    byte[] flipped = s.bytes().clone();
    flipped[20] ^= 1;
    assertThatThrownBy(() -> c.open(new SealedPayload("k1", flipped), AAD))
        .isInstanceOf(PayloadUnreadableException.class);
    assertThatThrownBy(() -> c.open(s, "other-row".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadUnreadableException.class);
    assertThatThrownBy(() -> c.open(new SealedPayload("k2", s.bytes()), AAD))
        .isInstanceOf(PayloadUnreadableException.class)
        .hasMessageContaining("k2 is not configured");
    assertThatThrownBy(() -> c.open(new SealedPayload("k1", new byte[5]), AAD))
        .isInstanceOf(PayloadUnreadableException.class);
  }

  @Test
  void retired_keys_still_open_what_they_sealed_while_the_active_key_seals() {
    SealedPayload old = cipher(DataKeys.of("k1", Map.of("k1", key(1)))).seal(PLAIN, AAD);
    String text =
        "# rotated in March\n"
            + "k2:"
            + Base64.getEncoder().encodeToString(key(2))
            + "\n"
            + "k1:"
            + Base64.getEncoder().encodeToString(key(1));
    PayloadCipher both = cipher(DataKeys.parse(text));
    assertThat(both.activeKeyId()).isEqualTo("k2");
    assertThat(both.open(old, AAD)).isEqualTo(PLAIN);
    assertThat(both.seal(PLAIN, AAD).keyId()).isEqualTo("k2");
  }

  @Test
  void data_key_text_is_validated_without_echoing_key_material() {
    String b64 = Base64.getEncoder().encodeToString(key(3));
    assertThat(DataKeys.parse("a:" + b64 + ", b:" + b64).ids()).containsExactly("a", "b");
    assertThat(DataKeys.parse("  ").isEmpty()).isTrue();
    assertThatThrownBy(
            () -> DataKeys.parse("a:" + Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> DataKeys.parse("a:" + b64 + ",a:" + b64))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> DataKeys.parse("nocolon")).hasMessageContaining("id:base64");
    assertThatThrownBy(() -> DataKeys.parse("a:!!!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> DataKeys.parse("bad id:" + b64)).hasMessageContaining("id must be");
    assertThat(DataKeys.parse("a:" + b64).toString()).doesNotContain(b64);
    assertThatThrownBy(() -> DataKeys.none().activeId()).isInstanceOf(IllegalStateException.class);
  }
}
