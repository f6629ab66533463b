package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.time.Ticker;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.GuardrailRunner;
import dev.gantry.guardrails.OutputText;
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
 * cannot be re-asked. Each window's checks run off the event loop, through the same runner as whole
 * answers (worker pool, each check within its own budget, per-check events); while they run, later
 * chunks wait here in order, so model-based checks (safety, grounding at the end) can apply to
 * streams at the cost of the checks' time before each window goes out. One per request; event-loop
 * thread only (check results come back on it).
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
  private dev.gantry.guardrails.CheckContext checkContext;
  private ObjectNode template;
  private boolean received;
  private boolean stopped;
  private boolean checking;
  private final java.util.ArrayDeque<Runnable> deferred = new java.util.ArrayDeque<>();
  private final GuardrailRunner runner;
  private final java.util.concurrent.Executor onLoop;

  /**
   * @param runner runs each window's checks on the worker pool
   * @param onLoop the request's event loop, where results are applied
   */
  GuardedSink(
      ChunkSink next,
      List<RouteGuards.Out> guards,
      Exchange exchange,
      EventBus events,
      int window,
      Ticker ticker,
      GuardrailRunner runner,
      java.util.concurrent.Executor onLoop) {
    super(next);
    this.ticker = ticker;
    this.runner = runner;
    this.onLoop = onLoop;
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
    if (checking) {
      deferred.add(() -> send(chunk));
      return;
    }
    String delta = Chunks.content(chunk);
    if (delta == null) {
      JsonNode finish = chunk.path("choices").path(0).path("finish_reason");
      boolean ending = (!finish.isMissingNode() && !finish.isNull()) || chunk.hasNonNull("usage");
      if (ending) {
        release(true, () -> next.send(chunk));
      } else {
        next.send(chunk);
      }
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
      release(true, () -> next.send(Chunks.withoutContent(chunk)));
      return;
    }
    if (pending.length() >= window) {
      release(false, () -> {});
    }
  }

  /**
   * Checks the held text on the worker pool and, back on the event loop, releases what may go out,
   * then runs {@code then} unless the stream was stopped, then the chunks that arrived meanwhile.
   */
  private void release(boolean last, Runnable then) {
    String context = releasedTail;
    String text = context + pending;
    if (checkContext == null) {
      checkContext = Contexts.of(exchange, "output", "assistant");
    }
    List<RouteGuards.Out> running = new ArrayList<>();
    List<GuardrailRunner.Task> tasks = new ArrayList<>();
    for (RouteGuards.Out out : guards) {
      boolean answer = wholeAnswer(out.check());
      if (answer && !last) {
        continue;
      }
      OutputText input =
          new OutputText(
              answer ? whole.toString() : text,
              last,
              responseFormat,
              exchange.canary(),
              checkContext);
      running.add(out);
      tasks.add(
          new GuardrailRunner.Task(
              out.guard().name(),
              out.check().settings().timeout(),
              out.check().settings().failClosed(),
              () -> out.guard().check(input)));
    }
    if (tasks.isEmpty()) {
      apply(last, context, running, List.of(), then);
      return;
    }
    checking = true;
    runner
        .run(tasks, Decisions.publisher(events, exchange, GuardrailEvaluated.Phase.STREAM))
        .thenAcceptAsync(results -> apply(last, context, running, results, then), onLoop);
  }

  private void apply(
      boolean last,
      String context,
      List<RouteGuards.Out> running,
      List<GuardrailResult> results,
      Runnable then) {
    checking = false;
    if (stopped) {
      return;
    }
    List<GuardrailResult.Span> redact = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      GuardrailResult r = results.get(i);
      boolean answer = wholeAnswer(running.get(i).check());
      if (r.triggered() && recorded.add(r.guardrail() + "/" + Decisions.outcome(r))) {
        Decisions.finding(exchange, GuardrailEvaluated.Phase.STREAM, r);
      }
      if (r instanceof GuardrailResult.Reject reject) {
        stop(reject.guardrail(), reject.message());
        return;
      }
      if (r instanceof GuardrailResult.Reprompt reprompt) {
        boolean json = running.get(i).check() instanceof dev.gantry.core.config.GuardCheck.Json;
        stop(
            reprompt.guardrail(),
            (json
                    ? "The model's answer did not have the requested format: "
                    : "The model's answer failed the " + reprompt.guardrail() + " check: ")
                + reprompt.reason());
        return;
      }
      if (r instanceof GuardrailResult.Rewrite && !answer) {
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
    then.run();
    while (!checking && !stopped && !deferred.isEmpty()) {
      deferred.poll().run();
    }
  }

  /**
   * Checks that judge a whole answer (JSON format, grounding, rules, external servers): they run
   * once, on the whole text, when the stream ends; by then the text before the last window has been
   * sent, so a block ends the stream with an error event after it.
   */
  static boolean wholeAnswer(dev.gantry.core.config.GuardCheck check) {
    return check instanceof dev.gantry.core.config.GuardCheck.Json
        || check instanceof dev.gantry.core.config.GuardCheck.Grounding
        || check instanceof dev.gantry.core.config.GuardCheck.Rules
        || check instanceof dev.gantry.core.config.GuardCheck.External;
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

  private void stop(String check, String message) {
    stopped = true;
    pending.setLength(0);
    deferred.clear();
    ApiError error = Decisions.error(check, message);
    next.fail(error);
  }

  @Override
  public void end() {
    if (stopped) {
      return;
    }
    if (checking) {
      deferred.add(this::end);
      return;
    }
    release(true, next::end);
  }

  @Override
  public void fail(ApiError error) {
    if (stopped) {
      return;
    }
    if (checking) {
      deferred.add(() -> fail(error));
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
