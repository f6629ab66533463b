package dev.gantry.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class PipelineTest {
  final List<String> calls = new ArrayList<>();

  static Exchange exchange() {
    ChatRequest r =
        ChatRequestValidator.validate(
            Json.parseObject(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                    .getBytes(StandardCharsets.UTF_8)));
    return new Exchange("req_1", r, 0, java.time.Instant.EPOCH);
  }

  Stage stage(String name, Verdict onRequest, boolean async) {
    return new Stage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Verdict> onRequest(Exchange exchange) {
        calls.add(name + ".request");
        if (async) {
          return CompletableFuture.supplyAsync(() -> onRequest);
        }
        return CompletableFuture.completedFuture(onRequest);
      }

      @Override
      public CompletionStage<Verdict> onResponse(Exchange exchange) {
        calls.add(name + ".response");
        return Verdict.PASS_NOW;
      }
    };
  }

  @Test
  void runs_requests_in_order_and_responses_in_reverse() {
    Pipeline p =
        new Pipeline(
            List.of(
                stage("a", Verdict.PASS, false),
                stage("b", Verdict.PASS, true),
                stage("c", Verdict.PASS, false)));
    Verdict v = p.run(exchange()).toCompletableFuture().join();
    assertThat(v).isEqualTo(Verdict.PASS);
    assertThat(calls)
        .containsExactly(
            "a.request", "b.request", "c.request", "c.response", "b.response", "a.response");
    assertThat(p.toString()).isEqualTo("a → b → c");
  }

  @Test
  void a_stage_finishing_later_resumes_the_walk_through_the_given_executor() {
    java.util.concurrent.atomic.AtomicInteger resumed =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Executor resume =
        task -> {
          resumed.incrementAndGet();
          task.run();
        };
    CompletableFuture<Verdict> later = new CompletableFuture<>();
    Stage pending =
        new Stage() {
          @Override
          public String name() {
            return "pending";
          }

          @Override
          public CompletionStage<Verdict> onRequest(Exchange exchange) {
            calls.add("pending.request");
            return later;
          }
        };
    Pipeline p = new Pipeline(List.of(pending, stage("b", Verdict.PASS, false)));
    CompletableFuture<Verdict> done = p.run(exchange(), resume).toCompletableFuture();
    assertThat(done).isNotDone();
    assertThat(calls).containsExactly("pending.request");
    later.complete(Verdict.PASS);
    assertThat(done.join()).isEqualTo(Verdict.PASS);
    assertThat(resumed.get()).isEqualTo(1);
    assertThat(calls).containsExactly("pending.request", "b.request", "b.response");
  }

  @Test
  void a_rejection_stops_the_walk_and_is_recorded() {
    Verdict.Reject reject = new Verdict.Reject(ApiError.forbidden("no"), "policy");
    Pipeline p =
        new Pipeline(
            List.of(
                stage("a", Verdict.PASS, false),
                stage("b", reject, true),
                stage("c", Verdict.PASS, false)));
    Exchange ex = exchange();
    Verdict v = p.run(ex).toCompletableFuture().join();
    assertThat(v).isSameAs(reject);
    assertThat(calls).containsExactly("a.request", "b.request");
    assertThat(ex.verdicts()).extracting(Exchange.StageVerdict::stage).containsExactly("b");
  }

  @Test
  void a_rewrite_replaces_the_request_for_later_stages_but_keeps_the_original() {
    Exchange ex = exchange();
    ObjectNode changed = ex.original().copyJson();
    changed.put("model", "other");
    Verdict rewrite = new Verdict.Rewrite(ChatRequestValidator.validate(changed), "test");
    new Pipeline(List.of(stage("a", rewrite, false), stage("b", Verdict.PASS, false)))
        .run(ex)
        .toCompletableFuture()
        .join();
    assertThat(ex.request().model()).isEqualTo("other");
    assertThat(ex.original().model()).isEqualTo("m");
  }
}
