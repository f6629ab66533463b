package dev.gantry.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything one chat request carries through the pipeline, in typed fields. Created by the HTTP
 * layer, owned by one request, touched only on that request's event-loop thread, so it is not
 * thread-safe. Times are {@link System#nanoTime()}-style nanoseconds from the injected ticker.
 */
public final class Exchange {
  private final String requestId;
  private final ChatRequest original;
  private final long startNanos;
  private final java.time.Instant receivedAt;
  private ChatRequest request;
  private ChunkSink sink;
  private RouteConfig route;
  private ObjectNode response;
  private Usage usage;
  private String provider;
  private String deployment;
  private int attempts;
  private long upstreamNanos;
  private final List<StageVerdict> verdicts = new ArrayList<>(4);
  private List<GuardFinding> findings = List.of();
  private String canary;
  private dev.gantry.core.security.Principal principal =
      dev.gantry.core.security.Principal.ANONYMOUS;
  private String customer;
  private List<RetrievedSource> sources = List.of();
  private boolean degraded;
  private java.util.Map<String, String> placeholders = java.util.Map.of();
  private NativeRequest nativeRequest;
  private ObjectNode nativeResponse;
  private ObjectNode nativeCanonical;
  private RequestTrace trace = RequestTrace.NONE;
  private final dev.gantry.core.cost.CostSheet cost = new dev.gantry.core.cost.CostSheet();
  private List<Runnable> onFinish = List.of();
  private boolean finished;
  private int status;
  private CacheOutcome cache;
  private boolean cacheBypass;
  private int priority;
  private RateStatus rateStatus;

  /** A stage's decision, kept for the audit record. */
  public record StageVerdict(String stage, Verdict verdict) {}

  /**
   * @param startNanos the injected ticker's time when the request arrived
   * @param receivedAt the injected wall clock's time when the request arrived
   */
  public Exchange(
      String requestId, ChatRequest original, long startNanos, java.time.Instant receivedAt) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.original = Objects.requireNonNull(original, "original");
    this.request = original;
    this.startNanos = startNanos;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** When the request arrived, on the injected wall clock. */
  public java.time.Instant receivedAt() {
    return receivedAt;
  }

  public String requestId() {
    return requestId;
  }

  /** The request exactly as the client sent it; every upstream attempt translates from this. */
  public ChatRequest original() {
    return original;
  }

  /** The request after rewrites by earlier stages (the original when none rewrote it). */
  public ChatRequest request() {
    return request;
  }

  public void request(ChatRequest rewritten) {
    this.request = Objects.requireNonNull(rewritten);
  }

  public long startNanos() {
    return startNanos;
  }

  /** The route chosen for the request, once the route stage has run; otherwise null. */
  public RouteConfig route() {
    return route;
  }

  public void route(RouteConfig route) {
    this.route = route;
  }

  /** The stream sink when the client asked for {@code stream: true}; otherwise null. */
  public ChunkSink sink() {
    return sink;
  }

  public void sink(ChunkSink sink) {
    this.sink = sink;
  }

  /** The complete chat completion in the OpenAI shape, once there is one (non-streamed only). */
  public ObjectNode response() {
    return response;
  }

  public void response(ObjectNode response) {
    this.response = response;
  }

  /** Token usage as reported by the upstream, or null when unknown. */
  public Usage usage() {
    return usage;
  }

  public void usage(Usage usage) {
    this.usage = usage;
  }

  /** Name of the provider that served the request (the last attempt's), or null. */
  public String provider() {
    return provider;
  }

  /** Upstream model (deployment) that served the request (the last attempt's), or null. */
  public String deployment() {
    return deployment;
  }

  /** Records the start of one upstream attempt. */
  public void attempt(String provider, String deployment) {
    this.provider = provider;
    this.deployment = deployment;
    this.attempts++;
  }

  /**
   * Names the attempt that serves the request when it is not the last one started (the first
   * attempt of a hedge race won after the second had started).
   */
  public void servedBy(String provider, String deployment) {
    this.provider = provider;
    this.deployment = deployment;
  }

  /** Number of upstream attempts made so far. */
  public int attempts() {
    return attempts;
  }

  /** Adds time spent waiting on an upstream, in nanoseconds. */
  public void addUpstreamNanos(long nanos) {
    this.upstreamNanos += nanos;
  }

  /** Total time spent waiting on upstreams, in nanoseconds. */
  public long upstreamNanos() {
    return upstreamNanos;
  }

  public void record(String stage, Verdict verdict) {
    verdicts.add(new StageVerdict(stage, verdict));
  }

  /** Non-pass decisions of the stages, in the order they were made. */
  public List<StageVerdict> verdicts() {
    return Collections.unmodifiableList(verdicts);
  }

  /** Records a guardrail that triggered. */
  public void finding(GuardFinding finding) {
    if (findings.isEmpty()) {
      findings = new ArrayList<>(2);
    }
    findings.add(Objects.requireNonNull(finding));
  }

  /** Guardrails that triggered, in the order they decided. */
  public List<GuardFinding> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** The canary token planted in the system prompt for leak detection, or null. */
  public String canary() {
    return canary;
  }

  public void canary(String token) {
    this.canary = token;
  }

  /**
   * Placeholders that replaced personal data in the request, and the values to put back into the
   * answer (empty when nothing is to be restored).
   */
  public java.util.Map<String, String> placeholders() {
    return placeholders;
  }

  public void placeholders(java.util.Map<String, String> restore) {
    this.placeholders = java.util.Map.copyOf(restore);
  }

  /** Who sent the request. */
  public dev.gantry.core.security.Principal principal() {
    return principal;
  }

  public void principal(dev.gantry.core.security.Principal who) {
    this.principal = Objects.requireNonNull(who);
  }

  /** The end customer the request is for ({@code x-gantry-customer} or {@code user}), or null. */
  public String customer() {
    return customer;
  }

  public void customer(String id) {
    this.customer = id;
  }

  /** Knowledge-base sources put into the request's context, best first (empty without RAG). */
  public List<RetrievedSource> sources() {
    return sources;
  }

  public void sources(List<RetrievedSource> retrieved) {
    this.sources = List.copyOf(retrieved);
  }

  /** The request in the client's own API, for upstreams that speak it; null for chat. */
  public NativeRequest nativeRequest() {
    return nativeRequest;
  }

  public void nativeRequest(NativeRequest request) {
    this.nativeRequest = request;
  }

  /**
   * Records an upstream's answer in the client's own API together with the canonical completion
   * made from it; an edge adapter may send the native answer while {@link #response()} is still
   * that completion (no stage changed it).
   */
  public void nativeResponse(ObjectNode nativeAnswer, ObjectNode canonical) {
    this.nativeResponse = nativeAnswer;
    this.nativeCanonical = canonical;
  }

  /** The upstream's own answer when {@code completion} is unchanged from it, else null. */
  public ObjectNode nativeResponseFor(ObjectNode completion) {
    return completion != null && completion == nativeCanonical ? nativeResponse : null;
  }

  /** True when the answer came from a last-resort fallback (e.g. extractive) after failures. */
  public boolean degraded() {
    return degraded;
  }

  public void degraded(boolean value) {
    this.degraded = value;
  }

  /** The request's trace ({@link RequestTrace#NONE} when it is not traced). */
  public RequestTrace trace() {
    return trace;
  }

  public void trace(RequestTrace requestTrace) {
    this.trace = Objects.requireNonNull(requestTrace);
  }

  /** The request's cost controls: calls and their cost, tier, tokens saved, tags. */
  public dev.gantry.core.cost.CostSheet cost() {
    return cost;
  }

  /**
   * Runs {@code action} once the request is over, whatever its outcome (answered, refused, failed,
   * abandoned by the client). Stages use it to release what they hold, such as a spend reservation.
   */
  public void onFinish(Runnable action) {
    if (onFinish.isEmpty()) {
      onFinish = new ArrayList<>(2);
    }
    onFinish.add(Objects.requireNonNull(action));
  }

  /** The HTTP status the request ended with, once {@link #finish} has been called; else 0. */
  public int status() {
    return status;
  }

  /**
   * Ends the request with {@code status}: runs the {@link #onFinish} actions in the order they were
   * added, once (later calls do nothing); one that throws is logged and the others still run.
   * Called by the inbound API handler when the request is over.
   */
  public void finish(int status) {
    if (finished) {
      return;
    }
    finished = true;
    this.status = status;
    for (Runnable action : onFinish) {
      try {
        action.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Exchange.class)
            .warn("{}: a finish action failed", requestId, e);
      }
    }
  }

  /** What the response cache did for the request, or null when the route has no cache. */
  public CacheOutcome cache() {
    return cache;
  }

  public void cache(CacheOutcome outcome) {
    this.cache = outcome;
  }

  /**
   * True when the client asked to skip the cache ({@code Cache-Control: no-cache} or {@code
   * x-gantry-cache: bypass}).
   */
  public boolean cacheBypass() {
    return cacheBypass;
  }

  public void cacheBypass(boolean bypass) {
    this.cacheBypass = bypass;
  }

  /** The request's admission priority (higher is served first under load; default 0). */
  public int priority() {
    return priority;
  }

  public void priority(int value) {
    this.priority = value;
  }

  /** Where the request stands against its rate limits, or null when none applied. */
  public RateStatus rateStatus() {
    return rateStatus;
  }

  public void rateStatus(RateStatus status) {
    this.rateStatus = status;
  }

  private long latencyBudgetMs;

  /** The latency budget the client asked for, in milliseconds; 0 when it asked for none. */
  public long latencyBudgetMs() {
    return latencyBudgetMs;
  }

  public void latencyBudgetMs(long ms) {
    this.latencyBudgetMs = ms;
  }
}
