package dev.gantry.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What a stage decided. Values, never exceptions: the pipeline acts on them in one place. */
public sealed interface Verdict
    permits Verdict.Pass, Verdict.Rewrite, Verdict.Reject, Verdict.Respond {

  /** Go on unchanged. */
  Pass PASS = new Pass();

  /** An already-completed {@link #PASS}, so stages that decide synchronously allocate nothing. */
  CompletionStage<Verdict> PASS_NOW = CompletableFuture.completedFuture(PASS);

  /** Go on unchanged. */
  record Pass() implements Verdict {}

  /** Go on with {@code request} in place of the current one; {@code reason} goes to the audit. */
  record Rewrite(ChatRequest request, String reason) implements Verdict {
    public Rewrite {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Stop and answer the client with {@code error}. */
  record Reject(ApiError error, String reason) implements Verdict {
    public Reject {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Stop and answer with a ready chat completion (a cache hit, a configured refusal) without
   * calling an upstream.
   */
  record Respond(ObjectNode completion, String reason) implements Verdict {
    public Respond {
      Objects.requireNonNull(completion, "completion");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static CompletionStage<Verdict> now(Verdict verdict) {
    return verdict == PASS ? PASS_NOW : CompletableFuture.completedFuture(verdict);
  }
}
