package dev.gantry.gateway.security;

import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.config.SanitizeConfig;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.GuardFinding;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.concurrent.CompletionStage;

/**
 * Applies the configured input limits and the invisible-character policy to every chat request,
 * before anything else looks at it. One pass over the text (about 0.1 ms for 100 KB), so it runs on
 * the event loop. Shared and thread-safe.
 */
public final class SanitizeStage implements Stage {
  private final Sanitizer sanitizer;

  public SanitizeStage(SanitizeConfig config) {
    this.sanitizer = new Sanitizer(config);
  }

  @Override
  public String name() {
    return "sanitize";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    SanitizeResult r = sanitizer.inspect(exchange.request().json());
    if (r instanceof SanitizeResult.Clean) {
      return Verdict.PASS_NOW;
    }
    if (r instanceof SanitizeResult.Rejected rejected) {
      return Verdict.now(new Verdict.Reject(rejected.error(), r.reason()));
    }
    exchange.finding(
        new GuardFinding(
            "sanitize",
            "input",
            r instanceof SanitizeResult.Stripped ? "redacted" : "flagged",
            1,
            r.reason()));
    if (r instanceof SanitizeResult.Stripped stripped) {
      return Verdict.now(
          new Verdict.Rewrite(ChatRequestValidator.validate(stripped.body()), r.reason()));
    }
    return Verdict.PASS_NOW;
  }

  @Override
  public String toString() {
    return name() + "(" + sanitizer + ")";
  }
}
