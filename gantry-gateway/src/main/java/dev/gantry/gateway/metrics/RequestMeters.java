package dev.gantry.gateway.metrics;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.events.UpstreamAttemptCompleted;
import dev.gantry.gateway.tracing.GenAi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Request and upstream meters: requests by endpoint, route, status, error type, provider and model
 * (plus capped tenant and customer labels when configured); the GenAI server-side request duration,
 * time to first token and time per output token; Gantry's own overhead; the GenAI client-side
 * duration of each upstream attempt and the tokens each request used; refusals (429s) by reason.
 * Thread-safe.
 */
final class RequestMeters {
  private static final Duration[] OVERHEAD_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1)
  };

  private final MeterRegistry registry;
  private final UnaryOperator<String> providerNames;
  private final LabelCap tenants;
  private final LabelCap customers;

  RequestMeters(
      MeterRegistry registry,
      MonitoringConfig.Metrics settings,
      UnaryOperator<String> providerNames) {
    this.registry = registry;
    this.providerNames = providerNames;
    this.tenants = new LabelCap(settings.tenantLabels());
    this.customers = new LabelCap(settings.customerLabels());
  }

  void attach(EventBus events) {
    events.subscribe(RequestCompleted.class, this::request);
    events.subscribe(UpstreamAttemptCompleted.class, this::attempt);
  }

  void request(RequestCompleted e) {
    String route = String.valueOf(e.route());
    String error = e.status() >= 400 ? errorType(e) : "";
    Tags tags =
        Tags.of(
            "endpoint", e.endpoint(),
            "route", route,
            "status", Integer.toString(e.status()),
            "error_type", error,
            "provider", nz(e.provider()),
            "model", nz(e.model()));
    if (tenants.enabled()) {
      tags = tags.and("tenant", tenants.of(e.tenant()));
    }
    if (customers.enabled()) {
      tags = tags.and("customer", customers.of(e.customer()));
    }
    Counter.builder("gantry.requests")
        .description("Requests answered, by outcome")
        .tags(tags)
        .register(registry)
        .increment();
    if (e.status() == 429) {
      Counter.builder("gantry.refusals")
          .description("Requests refused for a limit (budgets, rate limits), by reason")
          .tags("route", route, "reason", error)
          .register(registry)
          .increment();
    }
    String provider = e.provider() == null ? "" : providerNames.apply(e.provider());
    Tags genai =
        Tags.of(
            GenAi.OPERATION_NAME,
            GenAi.CHAT,
            GenAi.PROVIDER_NAME,
            provider,
            GenAi.REQUEST_MODEL,
            route,
            GenAi.RESPONSE_MODEL,
            nz(e.model()),
            GenAi.ERROR_TYPE,
            e.serverError() ? error : "");
    Timer.builder(GenAi.SERVER_REQUEST_DURATION)
        .description("GenAI request duration at Gantry, from arrival to the last byte")
        .tags(genai)
        .serviceLevelObjectives(seconds(GenAi.DURATION_BUCKETS))
        .register(registry)
        .record(e.totalNanos(), TimeUnit.NANOSECONDS);
    Timer.builder("gantry.overhead")
        .description("Time spent in Gantry itself: the request duration less upstream waits")
        .tags("route", route)
        .serviceLevelObjectives(OVERHEAD_BUCKETS)
        .register(registry)
        .record(e.overheadNanos(), TimeUnit.NANOSECONDS);
    if (e.status() == 200 && e.firstChunkNanos() >= 0) {
      Tags served = genai.and(GenAi.ERROR_TYPE, "");
      Timer.builder(GenAi.SERVER_TIME_TO_FIRST_TOKEN)
          .description("Time to the first streamed token, for successful streams")
          .tags(served)
          .serviceLevelObjectives(seconds(GenAi.TTFT_BUCKETS))
          .register(registry)
          .record(e.firstChunkNanos(), TimeUnit.NANOSECONDS);
      if (e.outputTokens() > 1) {
        long perToken = (e.totalNanos() - e.firstChunkNanos()) / (e.outputTokens() - 1);
        Timer.builder(GenAi.SERVER_TIME_PER_OUTPUT_TOKEN)
            .description("Time per output token after the first, for successful streams")
            .tags(served)
            .serviceLevelObjectives(seconds(GenAi.TPOT_BUCKETS))
            .register(registry)
            .record(Math.max(0, perToken), TimeUnit.NANOSECONDS);
      }
    }
    if (e.provider() != null) {
      Tags client =
          Tags.of(
              GenAi.OPERATION_NAME,
              GenAi.CHAT,
              GenAi.PROVIDER_NAME,
              provider,
              GenAi.REQUEST_MODEL,
              nz(e.model()),
              GenAi.RESPONSE_MODEL,
              nz(e.model()));
      tokens(client, GenAi.TOKEN_INPUT, e.inputTokens());
      tokens(client, GenAi.TOKEN_OUTPUT, e.outputTokens());
    }
  }

  private void tokens(Tags tags, String type, long n) {
    if (n < 0) {
      return;
    }
    DistributionSummary.builder(GenAi.CLIENT_TOKEN_USAGE)
        .description("Input and output tokens used per request")
        .tags(tags)
        .tag(GenAi.TOKEN_TYPE, type)
        .serviceLevelObjectives(GenAi.TOKEN_BUCKETS)
        .register(registry)
        .record(n);
  }

  void attempt(UpstreamAttemptCompleted e) {
    Timer.builder(GenAi.CLIENT_OPERATION_DURATION)
        .description("Duration of each upstream call (a stream until its last chunk)")
        .tags(
            GenAi.OPERATION_NAME,
            GenAi.CHAT,
            GenAi.PROVIDER_NAME,
            providerNames.apply(e.provider()),
            GenAi.REQUEST_MODEL,
            nz(e.model()),
            GenAi.ERROR_TYPE,
            e.errorType() == null ? "" : e.errorType(),
            "gantry_provider",
            nz(e.provider()))
        .serviceLevelObjectives(seconds(GenAi.DURATION_BUCKETS))
        .register(registry)
        .record(e.nanos(), TimeUnit.NANOSECONDS);
  }

  private static String errorType(RequestCompleted e) {
    return e.errorType() != null ? e.errorType() : Integer.toString(e.status());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static Duration[] seconds(double[] bounds) {
    Duration[] out = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      out[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
    }
    return out;
  }
}
