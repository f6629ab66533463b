package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.GuardFinding;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.pii.Redaction;
import dev.gantry.store.audit.AuditLog;
import dev.gantry.store.audit.RequestRecord;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one audit record per request: who, for which customer, which route and deployment, the
 * status, every stage verdict and guardrail finding, tokens and latency, the trace id (when the
 * request was traced or the client sent a {@code traceparent}), and, when configured, the prompt
 * and answer (PII-redacted first when configured; the store encrypts them). The returned future
 * completes once the record is committed; callers finish the response only then. Shared and
 * thread-safe.
 */
public final class AuditRecorder {
  private final AuditLog log;
  private final boolean payloads;
  private final PiiDetector redactor;
  private final Clock clock;
  private final LedgerRows ledger;

  /** The spend-ledger row of a request, committed with its audit record. */
  @FunctionalInterface
  public interface LedgerRows {
    dev.gantry.store.ledger.SpendEntry of(Exchange exchange, int status);
  }

  /**
   * @param redactor removes PII from stored payloads, or null to store them as sent
   * @param clock stamps each record
   */
  public AuditRecorder(AuditLog log, boolean payloads, PiiDetector redactor, Clock clock) {
    this(log, payloads, redactor, clock, null);
  }

  /**
   * @param ledger builds the request's spend-ledger row, committed in the same transaction as its
   *     audit record (null: no ledger rows)
   */
  public AuditRecorder(
      AuditLog log, boolean payloads, PiiDetector redactor, Clock clock, LedgerRows ledger) {
    this.log = log;
    this.payloads = payloads;
    this.redactor = redactor;
    this.clock = clock;
    this.ledger = ledger;
  }

  public CompletableFuture<Long> record(Exchange exchange, int status, long latencyMillis) {
    Usage usage =
        !exchange.cost().calls().isEmpty()
            ? exchange.cost().usage() // every call, discarded cascade attempts included
            : exchange.usage() == null ? Usage.ZERO : exchange.usage();
    RequestRecord record;
    try {
      record =
          new RequestRecord(
              clock.instant(),
              exchange.requestId(),
              exchange.principal().tenant(),
              exchange.principal().keyId(),
              exchange.customer(),
              exchange.original().model(),
              exchange.deployment() == null
                  ? null
                  : exchange.provider() + "/" + exchange.deployment(),
              status,
              verdicts(exchange),
              Math.max(0, usage.promptTokens()),
              Math.max(0, usage.completionTokens()),
              cost(exchange),
              Math.max(0, latencyMillis),
              payloads ? payload(exchange) : null,
              exchange.trace().traceId());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (ledger == null) {
      return log.append(record);
    }
    dev.gantry.store.ledger.SpendEntry row;
    try {
      row = ledger.of(exchange, status);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    exchange.cost().ledgerWritten(true);
    return log.append(record, row);
  }

  /** The request's total cost in micro-USD (the same figure as its ledger row), null if unknown. */
  private static Long cost(Exchange exchange) {
    dev.gantry.core.cost.Cost total = exchange.cost().total();
    return total.known() ? total.micros() : null;
  }

  /**
   * A record for a call outside the chat pipeline (embeddings): no verdicts, no payload; {@code
   * traceId} is the client's trace id, or null.
   */
  public CompletableFuture<Long> recordCall(
      dev.gantry.core.security.Principal who,
      String requestId,
      String customer,
      String route,
      String deployment,
      int status,
      long promptTokens,
      long latencyMillis,
      String traceId) {
    return append(
        who,
        requestId,
        customer,
        route,
        deployment,
        status,
        "[]",
        promptTokens,
        latencyMillis,
        traceId);
  }

  /**
   * A record for a request answered outside a handler's own recording: a refusal at the edge, a
   * retrieval, an unknown URL, a client that went away. Its verdicts name the endpoint.
   */
  public CompletableFuture<Long> recordEdge(
      dev.gantry.core.security.Principal who,
      String requestId,
      String customer,
      String route,
      String endpoint,
      int status,
      long latencyMillis,
      String traceId) {
    ArrayNode verdicts = Json.MAPPER.createArrayNode();
    verdicts.addObject().put("stage", "http").put("endpoint", clip(endpoint));
    return append(
        who,
        requestId,
        clip(customer),
        clip(route),
        null,
        status,
        Json.toString(verdicts),
        0,
        latencyMillis,
        traceId);
  }

  private CompletableFuture<Long> append(
      dev.gantry.core.security.Principal who,
      String requestId,
      String customer,
      String route,
      String deployment,
      int status,
      String verdicts,
      long promptTokens,
      long latencyMillis,
      String traceId) {
    try {
      return log.append(
          new RequestRecord(
              clock.instant(),
              requestId,
              who.tenant(),
              who.keyId(),
              customer,
              route,
              deployment,
              status,
              verdicts,
              Math.max(0, promptTokens),
              0,
              null,
              Math.max(0, latencyMillis),
              null,
              traceId));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Client-chosen text recorded at most {@value #CLIP} characters long. */
  static final int CLIP = 256;

  private static String clip(String s) {
    return s == null || s.length() <= CLIP ? s : s.substring(0, CLIP);
  }

  static String verdicts(Exchange exchange) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Exchange.StageVerdict v : exchange.verdicts()) {
      ObjectNode o = out.addObject();
      o.put("stage", v.stage());
      o.put("verdict", v.verdict().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      o.put("reason", reason(v.verdict()));
    }
    for (GuardFinding f : exchange.findings()) {
      ObjectNode o = out.addObject();
      o.put("check", f.check());
      o.put("phase", f.phase());
      o.put("outcome", f.outcome());
      o.put("score", f.score());
      o.put("reason", f.reason());
    }
    ObjectNode cost = dev.gantry.gateway.cost.CostAudit.json(exchange);
    if (cost != null) {
      out.add(cost);
    }
    return Json.toString(out);
  }

  private static String reason(dev.gantry.core.pipeline.Verdict v) {
    if (v instanceof dev.gantry.core.pipeline.Verdict.Rewrite r) {
      return r.reason();
    }
    if (v instanceof dev.gantry.core.pipeline.Verdict.Reject r) {
      return r.reason();
    }
    if (v instanceof dev.gantry.core.pipeline.Verdict.Respond r) {
      return r.reason();
    }
    return "";
  }

  private String payload(Exchange exchange) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.set("messages", exchange.original().json().get("messages"));
    if (exchange.response() != null) {
      p.set("choices", exchange.response().get("choices"));
    }
    String text = Json.toString(p);
    return redactor == null ? text : Redaction.of(text, redactor.detect(text)).text();
  }
}
