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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private static final Duration[] DURATION_SLOS = seconds(GenAi.DURATION_BUCKETS);
  private static final Duration[] TTFT_SLOS = seconds(GenAi.TTFT_BUCKETS);
  private static final Duration[] TPOT_SLOS = seconds(GenAi.TPOT_BUCKETS);

  private final MeterRegistry registry;
  private final Map<RequestKey, RequestSet> sets = new ConcurrentHashMap<>();
  private final Map<AttemptKey, Timer> attempts = new ConcurrentHashMap<>();
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

  /** What a completed request's meters are labelled by; one {@link RequestSet} per value. */
  private record RequestKey(
      String endpoint,
      String route,
      int status,
      String error,
      String provider,
      String model,
      String tenant,
      String customer,
      boolean serverError) {}

  /**
   * The meters of one label set, looked up once: building a meter's id and finding it in the
   * registry on every request cost more than recording into it.
   */
  private final class RequestSet {
    final Counter requests;
    final Counter refusals;
    final Timer duration;
    final Timer overhead;
    final Tags genai;
    final DistributionSummary inputTokens;
    final DistributionSummary outputTokens;
    private volatile Timer timeToFirstToken;
    private volatile Timer timePerOutputToken;

    RequestSet(RequestKey k) {
      Tags tags =
          Tags.of(
              "endpoint", k.endpoint(),
              "route", k.route(),
              "status", Integer.toString(k.status()),
              "error_type", k.error(),
              "provider", k.provider(),
              "model", k.model());
      if (k.tenant() != null) {
        tags = tags.and("tenant", k.tenant());
      }
      if (k.customer() != null) {
        tags = tags.and("customer", k.customer());
      }
      requests =
          Counter.builder("gantry.requests")
              .description("Requests answered, by outcome")
              .tags(tags)
              .register(registry);
      refusals =
          k.status() != 429
              ? null
              : Counter.builder("gantry.refusals")
                  .description("Requests refused for a limit (budgets, rate limits), by reason")
                  .tags("route", k.route(), "reason", k.error())
                  .register(registry);
      String provider = k.provider().isEmpty() ? "" : providerNames.apply(k.provider());
      genai =
          Tags.of(
              GenAi.OPERATION_NAME,
              GenAi.CHAT,
              GenAi.PROVIDER_NAME,
              provider,
              GenAi.REQUEST_MODEL,
              k.route(),
              GenAi.RESPONSE_MODEL,
              k.model(),
              GenAi.ERROR_TYPE,
              k.serverError() ? k.error() : "");
      duration =
          Timer.builder(GenAi.SERVER_REQUEST_DURATION)
              .description("GenAI request duration at Gantry, from arrival to the last byte")
              .tags(genai)
              .serviceLevelObjectives(DURATION_SLOS)
              .register(registry);
      overhead =
          Timer.builder("gantry.overhead")
              .description("Time spent in Gantry itself: the request duration less upstream waits")
              .tags("route", k.route())
              .serviceLevelObjectives(OVERHEAD_BUCKETS)
              .register(registry);
      if (k.provider().isEmpty()) {
        inputTokens = null;
        outputTokens = null;
      } else {
        Tags client =
            Tags.of(
                GenAi.OPERATION_NAME,
                GenAi.CHAT,
                GenAi.PROVIDER_NAME,
                provider,
                GenAi.REQUEST_MODEL,
                k.model(),
                GenAi.RESPONSE_MODEL,
                k.model());
        inputTokens = tokens(client, GenAi.TOKEN_INPUT);
        outputTokens = tokens(client, GenAi.TOKEN_OUTPUT);
      }
    }

    Timer timeToFirstToken() {
      return timeToFirstToken =
          streamTimer(
              timeToFirstToken,
              GenAi.SERVER_TIME_TO_FIRST_TOKEN,
              "Time to the first streamed token, for successful streams",
              TTFT_SLOS);
    }

    Timer timePerOutputToken() {
      return timePerOutputToken =
          streamTimer(
              timePerOutputToken,
              GenAi.SERVER_TIME_PER_OUTPUT_TOKEN,
              "Time per output token after the first, for successful streams",
              TPOT_SLOS);
    }

    /**
     * A stream timer, registered on first use (only streams have one; registering twice in a race
     * returns the same meter).
     */
    private Timer streamTimer(Timer known, String name, String description, Duration[] slos) {
      return known != null
          ? known
          : Timer.builder(name)
              .description(description)
              .tags(genai.and(GenAi.ERROR_TYPE, ""))
              .serviceLevelObjectives(slos)
              .register(registry);
    }
  }

  void request(RequestCompleted e) {
    String error = e.status() >= 400 ? errorType(e) : "";
    RequestKey key =
        new RequestKey(
            e.endpoint(),
            String.valueOf(e.route()),
            e.status(),
            error,
            nz(e.provider()),
            nz(e.model()),
            tenants.enabled() ? tenants.of(e.tenant()) : null,
            customers.enabled() ? customers.of(e.customer()) : null,
            e.serverError());
    RequestSet m = sets.computeIfAbsent(key, RequestSet::new);
    m.requests.increment();
    if (m.refusals != null) {
      m.refusals.increment();
    }
    m.duration.record(e.totalNanos(), TimeUnit.NANOSECONDS);
    m.overhead.record(e.overheadNanos(), TimeUnit.NANOSECONDS);
    if (e.status() == 200 && e.firstChunkNanos() >= 0) {
      m.timeToFirstToken().record(e.firstChunkNanos(), TimeUnit.NANOSECONDS);
      if (e.outputTokens() > 1) {
        long perToken = (e.totalNanos() - e.firstChunkNanos()) / (e.outputTokens() - 1);
        m.timePerOutputToken().record(Math.max(0, perToken), TimeUnit.NANOSECONDS);
      }
    }
    if (m.inputTokens != null) {
      if (e.inputTokens() >= 0) {
        m.inputTokens.record(e.inputTokens());
      }
      if (e.outputTokens() >= 0) {
        m.outputTokens.record(e.outputTokens());
      }
    }
  }

  private DistributionSummary tokens(Tags tags, String type) {
    return DistributionSummary.builder(GenAi.CLIENT_TOKEN_USAGE)
        .description("Input and output tokens used per request")
        .tags(tags)
        .tag(GenAi.TOKEN_TYPE, type)
        .serviceLevelObjectives(GenAi.TOKEN_BUCKETS)
        .register(registry);
  }

  /** What an upstream attempt's timer is labelled by. */
  private record AttemptKey(String provider, String model, String errorType) {}

  void attempt(UpstreamAttemptCompleted e) {
    attempts
        .computeIfAbsent(
            new AttemptKey(e.provider(), nz(e.model()), e.errorType() == null ? "" : e.errorType()),
            k ->
                Timer.builder(GenAi.CLIENT_OPERATION_DURATION)
                    .description("Duration of each upstream call (a stream until its last chunk)")
                    .tags(
                        GenAi.OPERATION_NAME,
                        GenAi.CHAT,
                        GenAi.PROVIDER_NAME,
                        providerNames.apply(k.provider()),
                        GenAi.REQUEST_MODEL,
                        k.model(),
                        GenAi.ERROR_TYPE,
                        k.errorType(),
                        "gantry_provider",
                        nz(k.provider()))
                    .serviceLevelObjectives(DURATION_SLOS)
                    .register(registry))
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
