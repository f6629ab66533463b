package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.time.Ticker;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.WorkBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Output checks on a stream. Text deltas are held until {@code window} characters have gathered,
 * then checked together with the last {@value #CONTEXT} characters already released, and released
 * except for the last {@value #HOLD} characters, which wait for the next window (so a finding of up
 * to {@value #HOLD} characters is seen whole before any of it reaches the client). The end of the
 * answer is checked before the finish chunk goes out. A block ends the stream with an error event
 * (no {@code [DONE]}); a redaction replaces the spans in the held text; the JSON format check runs
 * once on the whole answer, and a format failure also ends the stream with an error, since a stream
 * cannot be re-asked. Checks run inline on the event loop, so they must be cheap (regular
 * expressions, not models; the safety check scores incomplete windows with its lexical heads, in
 * microseconds); the pattern work of a client's JSON Schema is cut off after {@link
 * #INLINE_BUDGET_NANOS} (the check then follows its {@code on_error} rule). TODO(#14): the last
 * window, passed as complete, gets safety's full heads, which embed its few hundred characters
 * (about 2 ms) here until stream checks run on the worker pool. One per request; event-loop thread
 * only.
 */
final class GuardedSink extends ForwardingSinkBase {
  static final int HOLD = 64;
  static final int CONTEXT = 64;

  /** The most regular-expression work one inline check may do, in nanoseconds (50 ms). */
  static final long INLINE_BUDGET_NANOS = 50_000_000L;

  private final List<RouteGuards.Out> guards;
  private final Exchange exchange;
  private final EventBus events;
  private final int window;
  private final JsonNode responseFormat;
  private final Ticker ticker;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder whole = new StringBuilder();
  private final Set<String> recorded = new HashSet<>();
  private String releasedTail = "";
  private ObjectNode template;
  private boolean received;
  private boolean stopped;

  GuardedSink(
      ChunkSink next,
      List<RouteGuards.Out> guards,
      Exchange exchange,
      EventBus events,
      int window,
      Ticker ticker) {
    super(next);
    this.ticker = ticker;
    this.guards = List.copyOf(guards);
    this.exchange = exchange;
    this.events = events;
    this.window = window;
    this.responseFormat = exchange.request().json().get("response_format");
  }

  @Override
  public void send(ObjectNode chunk) {
    if (stopped) {
      return;
    }
    received = true;
    String delta = Chunks.content(chunk);
    if (delta == null) {
      JsonNode finish = chunk.path("choices").path(0).path("finish_reason");
      boolean ending = (!finish.isMissingNode() && !finish.isNull()) || chunk.hasNonNull("usage");
      if (ending && !release(true)) {
        return;
      }
      next.send(chunk);
      return;
    }
    if (template == null) {
      template = Chunks.withContent(chunk, "");
      JsonNode delta0 = template.path("choices").path(0).path("delta");
      ((ObjectNode) delta0).remove("role");
      ((ObjectNode) template.get("choices").get(0)).putNull("finish_reason");
    }
    pending.append(delta);
    whole.append(delta);
    if (!Chunks.contentOnly(chunk)) {
      if (release(true)) {
        next.send(Chunks.withoutContent(chunk));
      }
      return;
    }
    if (pending.length() >= window) {
      release(false);
    }
  }

  /** Checks the held text and releases what may go out; false when the stream was stopped. */
  private boolean release(boolean last) {
    String context = releasedTail;
    String text = context + pending;
    List<GuardrailResult.Span> redact = new ArrayList<>();
    for (RouteGuards.Out out : guards) {
      boolean json = out.check() instanceof dev.gantry.core.config.GuardCheck.Json;
      if (json && !last) {
        continue;
      }
      OutputText input =
          new OutputText(json ? whole.toString() : text, last, responseFormat, exchange.canary());
      long start = ticker.nanos();
      GuardrailResult r;
      RuntimeException failure = null;
      try {
        // Inline on the event loop: bound the regular-expression work of a client's schema.
        r = WorkBudget.run(INLINE_BUDGET_NANOS, () -> out.guard().check(input));
      } catch (RuntimeException e) {
        failure = e;
        r =
            out.check().settings().failClosed()
                ? new GuardrailResult.Reject(
                    out.guard().name(),
                    1,
                    "check failed (on_error: closed)",
                    List.of(),
                    "The answer could not be checked.")
                : new GuardrailResult.Flag(
                    out.guard().name(), 0, "check failed; let through", List.of());
      }
      if (r.triggered() && recorded.add(r.guardrail() + "/" + Decisions.outcome(r))) {
        Decisions.record(events, exchange, "output", r, ticker.nanos() - start, failure);
      }
      if (r instanceof GuardrailResult.Reject reject) {
        return stop(reject.guardrail(), reject.message());
      }
      if (r instanceof GuardrailResult.Reprompt reprompt) {
        return stop(
            reprompt.guardrail(),
            "The model's answer did not have the requested format: " + reprompt.reason());
      }
      if (r instanceof GuardrailResult.Rewrite && !json) {
        redact.addAll(r.spans());
      }
    }
    String held =
        redact.isEmpty()
            ? pending.toString()
            : redacted(pending.toString(), redact, context.length());
    int keep = last ? 0 : Math.min(HOLD, held.length());
    String emit = held.substring(0, held.length() - keep);
    pending.setLength(0);
    pending.append(held, held.length() - keep, held.length());
    String tail = releasedTail + emit;
    releasedTail = tail.substring(Math.max(0, tail.length() - CONTEXT));
    if (!emit.isEmpty() && template != null) {
      next.send(Chunks.withContent(template, emit));
    }
    return true;
  }

  /** {@code held} with every span (offsets into context + held) replaced by its type tag. */
  private static String redacted(String held, List<GuardrailResult.Span> spans, int offset) {
    List<GuardrailResult.Span> sorted = new ArrayList<>(spans);
    sorted.sort(java.util.Comparator.comparingInt(GuardrailResult.Span::start));
    StringBuilder out = new StringBuilder(held.length());
    int at = 0;
    for (GuardrailResult.Span s : sorted) {
      int start = Math.max(0, s.start() - offset);
      int end = Math.min(held.length(), s.end() - offset);
      if (end <= at || start >= held.length()) {
        continue;
      }
      start = Math.max(start, at);
      out.append(held, at, start).append('[').append(s.type()).append(']');
      at = end;
    }
    return out.append(held, at, held.length()).toString();
  }

  private boolean stop(String check, String message) {
    stopped = true;
    pending.setLength(0);
    ApiError error = Decisions.error(check, message);
    next.fail(error);
    return false;
  }

  @Override
  public void end() {
    if (stopped) {
      return;
    }
    if (release(true)) {
      next.end();
    }
  }

  @Override
  public void fail(ApiError error) {
    if (stopped) {
      return;
    }
    stopped = true;
    pending.setLength(0);
    next.fail(error);
  }

  /**
   * True once any chunk arrived from the upstream, even if it is still held here: a retry would
   * otherwise repeat text this sink already holds.
   */
  @Override
  public boolean started() {
    return received || next.started();
  }
}
