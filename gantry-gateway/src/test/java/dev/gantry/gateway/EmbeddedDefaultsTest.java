package dev.gantry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.ProviderType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultsTest {

  @Test
  void openai_key_wins_then_anthropic_then_the_simulator() {
    assertThat(EmbeddedDefaults.choose(Map.of("OPENAI_API_KEY", "sk", "ANTHROPIC_API_KEY", "ak")))
        .isEqualTo(EmbeddedDefaults.Choice.OPENAI);
    assertThat(EmbeddedDefaults.choose(Map.of("ANTHROPIC_API_KEY", "ak")))
        .isEqualTo(EmbeddedDefaults.Choice.ANTHROPIC);
    assertThat(EmbeddedDefaults.choose(Map.of("OPENAI_API_KEY", " ")))
        .isEqualTo(EmbeddedDefaults.Choice.SIMULATOR);
  }

  @Test
  void defaults_listen_on_loopback_only() {
    GantryConfig sim =
        EmbeddedDefaults.config(EmbeddedDefaults.Choice.SIMULATOR, Map.of(), "http://127.0.0.1:9");
    assertThat(sim.server().host()).isEqualTo("127.0.0.1");
    assertThat(sim.providers().get("sim").baseUrl().toString()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(sim.routes()).containsKey("gpt-4o-mini");
  }

  @Test
  void provider_defaults_use_the_key_from_the_environment_and_never_print_it() {
    GantryConfig openai =
        EmbeddedDefaults.config(
            EmbeddedDefaults.Choice.OPENAI, Map.of("OPENAI_API_KEY", "sk-abc123"), null);
    assertThat(openai.providers().get("openai").type()).isEqualTo(ProviderType.OPENAI);
    assertThat(openai.providers().get("openai").apiKey().reveal()).isEqualTo("sk-abc123");
    assertThat(openai.toString()).doesNotContain("sk-abc123");
    GantryConfig anthropic =
        EmbeddedDefaults.config(
            EmbeddedDefaults.Choice.ANTHROPIC, Map.of("ANTHROPIC_API_KEY", "ak-1"), null);
    assertThat(anthropic.providers().get("anthropic").type()).isEqualTo(ProviderType.ANTHROPIC);
  }

  @Test
  void without_keys_the_demo_knowledge_base_is_chosen_when_it_exists(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThat(EmbeddedDefaults.choose(Map.of(), dir)).isEqualTo(EmbeddedDefaults.Choice.DEMO);
    assertThat(EmbeddedDefaults.choose(Map.of(), dir.resolve("missing")))
        .isEqualTo(EmbeddedDefaults.Choice.SIMULATOR);
    var demo = EmbeddedDefaults.demo(dir, dir.resolve("data"));
    assertThat(demo.routes().get("gpt-4o-mini").rag().kb()).isEqualTo("demo");
    assertThat(demo.knowledgeBases().get("demo").sources()).containsExactly(dir);
  }
}
