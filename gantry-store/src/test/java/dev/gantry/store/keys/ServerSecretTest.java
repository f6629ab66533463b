package dev.gantry.store.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ServerSecretTest {
  @Test
  void secrets_shorter_than_32_bytes_are_refused() {
    assertThatThrownBy(() -> ServerSecret.of(new byte[31]))
        .hasMessageContaining("at least 32 bytes, was 31");
    assertThatThrownBy(() -> ServerSecret.fromText("short")).hasMessageContaining("at least 32");
    assertThatThrownBy(
            () -> ServerSecret.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> ServerSecret.fromBase64("not base64!"))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void derived_keys_differ_by_purpose_and_from_the_secret() {
    ServerSecret s = ServerSecret.of(new byte[32]);
    byte[] m = {1, 2, 3};
    assertThat(s.derive("a").hmac(m)).isNotEqualTo(s.derive("b").hmac(m)).isNotEqualTo(s.hmac(m));
    assertThat(s.derive("a").hmac(m)).isEqualTo(ServerSecret.of(new byte[32]).derive("a").hmac(m));
  }
}
