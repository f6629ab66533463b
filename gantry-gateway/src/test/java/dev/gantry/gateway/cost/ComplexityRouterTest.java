package dev.gantry.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.TierDecision.Signal;
import dev.gantry.ml.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplexityRouterTest {
  static TieringConfig tiering(List<String> simple, List<String> complex) {
    Map<String, List<DeploymentConfig>> tiers = new LinkedHashMap<>();
    tiers.put("small", List.of(new DeploymentConfig("p", "s", 1)));
    tiers.put("large", List.of(new DeploymentConfig("p", "l", 1)));
    return new TieringConfig(
        tiers,
        TieringConfig.Mode.ROUTER,
        true,
        0.5,
        List.of(TieringConfig.Check.values()),
        simple,
        complex);
  }

  static ChatRequest ask(String text) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("model", "r");
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return ChatRequestValidator.validate(body);
  }

  final ComplexityRouter plain =
      new ComplexityRouter(tiering(List.of(), List.of()), () -> null, TokenEstimator.defaults());

  @Test
  void a_plain_question_scores_zero() {
    ComplexityRouter.Score s = plain.score(ask("What are your opening hours?"));
    assertThat(s.value()).isZero();
    assertThat(s.signals()).isEmpty();
  }

  @Test
  void code_maths_and_reasoning_tasks_are_complex() {
    assertThat(plain.score(ask("Write a Go program that parses logs")).signals())
        .contains(Signal.CODE);
    assertThat(plain.score(ask("Prove that the square root of 2 is irrational")).value())
        .isGreaterThanOrEqualTo(0.5);
    ComplexityRouter.Score design =
        plain.score(ask("Design a queue that survives restarts; first list the risks, then plan"));
    assertThat(design.signals()).contains(Signal.MULTI_STEP);
    assertThat(design.value()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void a_noun_that_looks_like_a_task_is_not_one() {
    assertThat(plain.score(ask("Does the pro plan include phone support?")).value())
        .isLessThan(0.5);
  }

  @Test
  void tools_and_a_json_schema_add_to_the_score() {
    ObjectNode body = Json.MAPPER.createObjectNode().put("model", "r");
    body.putArray("messages").addObject().put("role", "user").put("content", "Hello");
    body.putArray("tools")
        .addObject()
        .put("type", "function")
        .putObject("function")
        .put("name", "f");
    ObjectNode format = body.putObject("response_format").put("type", "json_schema");
    format.putObject("json_schema").put("name", "x").putObject("schema").put("type", "object");
    ComplexityRouter.Score s = plain.score(ChatRequestValidator.validate(body));
    assertThat(s.signals()).contains(Signal.TOOLS, Signal.JSON_SCHEMA);
    assertThat(s.value()).isGreaterThanOrEqualTo(0.5);
  }

  /** Vectors from two keywords, so "nearest example" is decided by words, not by a model. */
  static final class KeywordEmbedder implements Embedder {
    @Override
    public int dimensions() {
      return 2;
    }

    @Override
    public float[] embed(String text) {
      String t = text.toLowerCase(Locale.ROOT);
      return new float[] {t.contains("invoice") ? 1 : 0.01f, t.contains("merger") ? 1 : 0.01f};
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      texts.forEach(t -> out.add(embed(t)));
      return out;
    }
  }

  @Test
  void the_nearest_labelled_examples_vote() {
    ComplexityRouter router =
        new ComplexityRouter(
            tiering(
                List.of("Where is my invoice?", "Resend the invoice", "Invoice address change"),
                List.of("Merger due diligence", "Merger valuation", "Merger tax structure")),
            KeywordEmbedder::new,
            TokenEstimator.defaults());
    assertThat(router.usesExamples()).isTrue();
    ComplexityRouter.Score merger = router.score(ask("Tell me about the merger"));
    assertThat(merger.signals()).contains(Signal.NEAR_COMPLEX_EXAMPLES);
    assertThat(merger.value()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    ComplexityRouter.Score invoice = router.score(ask("Invoice please"));
    assertThat(invoice.signals()).contains(Signal.NEAR_SIMPLE_EXAMPLES);
    assertThat(invoice.value()).isZero();
  }
}
