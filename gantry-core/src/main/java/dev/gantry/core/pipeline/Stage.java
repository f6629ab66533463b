package dev.gantry.core.pipeline;

import java.util.concurrent.CompletionStage;

/**
 * One named step of the request pipeline. A stage overrides only the phase it cares about; the
 * defaults pass.
 *
 * <p>Instances are shared by all requests and must be thread-safe; per-request state lives in the
 * {@link Exchange}. Methods are called on the request's event-loop thread and must not block:
 * CPU-heavy or blocking work goes to a worker pool and completes the returned stage later. Stages
 * are created when the configuration is loaded and dropped when it is replaced.
 */
public interface Stage {

  /** A short, stable name shown in the printed stage list, logs and the audit record. */
  String name();

  /** Called in list order before the upstream is invoked. */
  default CompletionStage<Verdict> onRequest(Exchange exchange) {
    return Verdict.PASS_NOW;
  }

  /**
   * Called in reverse list order after a complete (non-streamed) response is in {@link
   * Exchange#response()}. Not called for streamed responses.
   */
  default CompletionStage<Verdict> onResponse(Exchange exchange) {
    return Verdict.PASS_NOW;
  }
}
