package dev.gantry.eval.assertion;

import static dev.gantry.eval.assertion.Specs.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.eval.judge.JudgeSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationalAssertionsTest {
  private static final String GUARDRAIL_400 =
      "{\"error\":{\"message\":\"Blocked: prompt injection\",\"type\":\"guardrail_rejected\","
          + "\"param\":null,\"code\":\"injection\"}}";
  private static final String CONTENT_FILTER_200 =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"I can't help with that request.\"},"
          + "\"finish_reason\":\"content_filter\"}]}";
  private static final String WITH_SOURCES =
      "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Reset it in settings.\"},"
          + "\"finish_reason\":\"stop\"}],\"gantry_sources\":["
          + "{\"id\":\"doc-0007.md#1\",\"document\":\"doc-0007.md\",\"title\":\"A\",\"score\":0.9},"
          + "{\"id\":\"doc-0001.md#2\",\"document\":\"doc-0001.md\",\"title\":\"B\",\"score\":0.8},"
          + "{\"id\":\"doc-0042.md#0\",\"document\":\"doc-0042.md\",\"title\":\"C\",\"score\":0.7}]}";

  private static CaseOutput response(
      int status, Map<String, String> headers, String body, long ms) {
    return CaseOutput.fromResponse(status, headers, body, ms);
  }

  private static CaseContext expecting(String... docs) {
    return new CaseContext("q", List.of(docs), null, JudgeSettings.DEFAULTS);
  }

  @Test
  void latency_passes_at_or_under_the_limit() {
    CaseOutput fast = response(200, Map.of(), CONTENT_FILTER_200, 250);
    assertThat(eval("{type: latency, value: 250}", fast).passed()).isTrue();
    AssertionResult slow = eval("{type: latency, value: 249}", fast);
    assertThat(slow.passed()).isFalse();
    assertThat(slow.message()).isEqualTo("latency 250 ms > 249 ms");
  }

  @Test
  void cost_reads_the_gateway_header_exactly_and_fails_when_unknown() {
    CaseOutput priced =
        response(200, Map.of("X-Gantry-Cost-Usd", "0.000150"), CONTENT_FILTER_200, 1);
    assertThat(priced.costUsd()).isEqualByComparingTo(new BigDecimal("0.00015"));
    assertThat(eval("{type: cost, value: 0.00015}", priced).passed()).isTrue();
    assertThat(eval("{type: cost, value: 0.0001}", priced).passed()).isFalse();
    AssertionResult unknown =
        eval("{type: cost, value: 1}", response(200, Map.of(), CONTENT_FILTER_200, 1));
    assertThat(unknown.passed()).isFalse();
    assertThat(unknown.message()).contains("x-gantry-cost-usd");
  }

  @Test
  void refusal_phrases_are_found_at_the_start_only() {
    assertThat(
            eval("{type: is-refusal}", "I\u2019m sorry, but I can\u2019t help with that.").passed())
        .isTrue();
    assertThat(eval("{type: is-refusal}", "Paris is the capital of France.").passed()).isFalse();
    String late = "Here is a long helpful answer. ".repeat(10) + "I cannot stress this enough.";
    assertThat(eval("{type: is-refusal}", late).passed()).isFalse();
    assertThat(eval("{type: not-is-refusal}", "Sure: 42.").passed()).isTrue();
    assertThat(eval("{type: is-refusal, value: [computer says no]}", "Computer says no.").passed())
        .isTrue();
  }

  @Test
  void a_guardrail_block_counts_as_a_refusal() {
    CaseOutput blocked = response(400, Map.of(), GUARDRAIL_400, 3);
    assertThat(blocked.blockedBy()).isEqualTo("injection");
    assertThat(blocked.text()).isEmpty();
    assertThat(eval("{type: is-refusal}", blocked).message())
        .contains("blocked by guardrail 'injection'");
    assertThat(eval("{type: is-refusal}", blocked).passed()).isTrue();
  }

  @Test
  void i_dont_know_includes_the_gateway_abstention() {
    assertThat(Phrases.I_DONT_KNOW.get(0)).isEqualTo("i don't know");
    assertThat(eval("{type: i-dont-know}", "I don't know.").passed()).isTrue();
    assertThat(eval("{type: i-dont-know}", "I do not have enough information to answer.").passed())
        .isTrue();
    assertThat(eval("{type: i-dont-know}", "The answer is 42.").passed()).isFalse();
    assertThat(eval("{type: not-i-dont-know}", "The answer is 42.").passed()).isTrue();
  }

  @Test
  void guardrail_reads_a_400_rejection_and_a_content_filter_header() {
    CaseOutput rejected =
        response(400, Map.of("x-gantry-guardrail", "injection"), GUARDRAIL_400, 3);
    CaseOutput filtered = response(200, Map.of("x-gantry-guardrail", "pii"), CONTENT_FILTER_200, 3);
    CaseOutput allowed = response(200, Map.of(), WITH_SOURCES, 3);
    assertThat(filtered.finishReason()).isEqualTo("content_filter");
    assertThat(eval("{type: guardrail, value: blocked}", rejected).passed()).isTrue();
    assertThat(eval("{type: guardrail, value: blocked, check: injection}", rejected).passed())
        .isTrue();
    assertThat(eval("{type: guardrail, value: blocked, check: pii}", rejected).passed()).isFalse();
    assertThat(eval("{type: guardrail, value: blocked, check: pii}", filtered).passed()).isTrue();
    assertThat(eval("{type: guardrail, value: allowed}", allowed).passed()).isTrue();
    AssertionResult wronglyBlocked = eval("{type: guardrail, value: allowed}", rejected);
    assertThat(wronglyBlocked.passed()).isFalse();
    assertThat(wronglyBlocked.message()).contains("blocked by 'injection' (HTTP 400)");
    assertThat(eval("{type: guardrail, value: allowed, check: topic}", rejected).passed()).isTrue();
    assertThat(eval("{type: guardrail, value: blocked}", allowed).passed()).isFalse();
  }

  @Test
  void a_content_filter_finish_without_the_gateway_header_is_not_a_guardrail_block() {
    assertThat(response(200, Map.of(), CONTENT_FILTER_200, 1).blocked()).isFalse();
  }

  @Test
  void hit_at_k_looks_at_the_first_k_documents() {
    CaseOutput out = response(200, Map.of(), WITH_SOURCES, 1);
    AssertionSpec at1 = Specs.spec("{type: hit-at-k, k: 1}", expecting("doc-0001.md"));
    AssertionSpec at2 = Specs.spec("{type: hit@k, value: 2}", expecting("doc-0001.md"));
    assertThat(at1.evaluate(out, Specs.services()).passed()).isFalse();
    assertThat(at2.evaluate(out, Specs.services()).passed()).isTrue();
    AssertionSpec chunk = Specs.spec("{type: hit-at-k, k: 3}", expecting("doc-0042.md#0"));
    assertThat(chunk.evaluate(out, Specs.services()).passed()).isTrue();
    AssertionSpec wrongChunk = Specs.spec("{type: hit-at-k, k: 3}", expecting("doc-0042.md#5"));
    assertThat(wrongChunk.evaluate(out, Specs.services()).passed()).isFalse();
  }

  @Test
  void mrr_is_one_over_the_rank_of_the_first_expected_document() {
    CaseOutput out = response(200, Map.of(), WITH_SOURCES, 1);
    AssertionResult r =
        Specs.spec("{type: mrr}", expecting("doc-0042.md", "doc-0001.md"))
            .evaluate(out, Specs.services());
    assertThat(r.score()).isEqualTo(0.5);
    assertThat(r.passed()).isTrue();
    AssertionResult strict =
        Specs.spec("{type: mrr, threshold: 0.75}", expecting("doc-0001.md"))
            .evaluate(out, Specs.services());
    assertThat(strict.passed()).isFalse();
    AssertionResult missing =
        Specs.spec("{type: mrr}", expecting("doc-9999.md")).evaluate(out, Specs.services());
    assertThat(missing.score()).isZero();
    assertThat(missing.passed()).isFalse();
  }

  @Test
  void sources_fall_back_to_the_header() {
    CaseOutput out =
        response(
            200, Map.of("x-gantry-sources", "doc-0001.md, doc-0042.md"), CONTENT_FILTER_200, 1);
    assertThat(out.sources())
        .extracting(Source::document)
        .containsExactly("doc-0001.md", "doc-0042.md");
    AssertionResult r =
        Specs.spec("{type: mrr}", expecting("doc-0042.md")).evaluate(out, Specs.services());
    assertThat(r.score()).isEqualTo(0.5);
  }

  @Test
  void retrieval_assertions_need_expected_sources() {
    assertThatThrownBy(() -> Specs.spec("{type: hit-at-k, k: 3}"))
        .hasMessageContaining("expected_sources");
  }
}
