package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code routes.<route>.cache}: the encoder, its default threshold and the ambiguity margin. */
class RouteCacheConfigTest {
  static RouteCache cache(String block) throws ConfigException {
    String yaml =
        """
        providers:
          p: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}
        routes:
          r:
            deployments: [{provider: p, model: m}]
            cache: %s
        """
            .formatted(block);
    return ConfigLoader.parse(yaml, Map.of(), "t").routes().get("r").cache();
  }

  @Test
  void each_encoder_has_its_own_default_threshold_and_a_route_may_set_another() throws Exception {
    RouteCache plain = cache("true");
    assertThat(plain.encoder()).isEqualTo("all-minilm-l6-v2+e5-small-v2");
    assertThat(plain.threshold()).isEqualTo(RouteCache.DEFAULT_THRESHOLD);
    assertThat(plain.margin()).isEqualTo(RouteCache.DEFAULT_MARGIN);

    RouteCache mini = cache("{encoder: all-minilm-l6-v2}");
    assertThat(mini.encoder()).isEqualTo(RouteCache.MINILM);
    assertThat(mini.threshold()).isEqualTo(RouteCache.MINILM_THRESHOLD);

    RouteCache e5 = cache("{encoder: e5-small-v2}");
    assertThat(e5.encoder()).isEqualTo(RouteCache.E5_SMALL);
    assertThat(e5.threshold()).isEqualTo(RouteCache.E5_THRESHOLD);

    RouteCache set = cache("{encoder: e5-small-v2, threshold: 0.97, margin: 0.25}");
    assertThat(set.threshold()).isEqualTo(0.97);
    assertThat(set.margin()).isEqualTo(0.25);
    assertThat(set.withEncoder(RouteCache.MINILM).threshold())
        .isEqualTo(RouteCache.MINILM_THRESHOLD);
    assertThat(set.withEncoder(RouteCache.MINILM_E5).threshold())
        .isEqualTo(RouteCache.DEFAULT_THRESHOLD);
  }

  @Test
  void an_unknown_encoder_or_a_margin_out_of_range_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> cache("{encoder: bert-large}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("routes.r.cache.encoder")
        .hasMessageContaining("all-minilm-l6-v2+e5-small-v2, all-minilm-l6-v2, e5-small-v2");
    assertThatThrownBy(() -> cache("{margin: 1.5}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("routes.r.cache.margin");
  }
}
