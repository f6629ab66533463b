package dev.gantry.gateway.tracing;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.pipeline.RequestTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Makes the traces of requests: one OpenTelemetry SDK per gateway, a server span per request, a
 * span per stage and a client span per upstream attempt. With tracing off it makes no spans but
 * still passes a client's {@code traceparent} on to the upstreams unchanged. Shared and
 * thread-safe; {@link #close} flushes and stops the exporter.
 */
public final class Tracing implements AutoCloseable {
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("gantry.request_id");
  static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("gantry.endpoint");
  static final AttributeKey<String> TENANT = AttributeKey.stringKey("gantry.tenant");

  /** Requests a handler traced itself, until their edge trace ends (and is dropped). */
  private final java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final TextMapGetter<Function<String, String>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
          return java.util.List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private Tracing(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer =
        provider == null
            ? null
            : provider.tracerBuilder("dev.gantry.gateway").setSchemaUrl(GenAi.SCHEMA_URL).build();
  }

  /** Tracing as configured: spans exported over OTLP when an endpoint is set. */
  public static Tracing create(MonitoringConfig.Tracing config) {
    if (!config.enabled() && config.otlpEndpoint() == null) {
      return new Tracing(null);
    }
    SpanExporter exporter = null;
    if (config.otlpEndpoint() != null) {
      OtlpHttpSpanExporterBuilder b =
          OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint().toString());
      config.headers().forEach(b::addHeader);
      exporter = b.build();
    }
    return create(config, exporter, false);
  }

  /**
   * Tracing that hands every span to {@code exporter} ({@code synchronous}: as each span ends, for
   * tests; else in batches), or makes spans without exporting them when it is null.
   */
  public static Tracing create(
      MonitoringConfig.Tracing config, SpanExporter exporter, boolean synchronous) {
    var builder =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                AttributeKey.stringKey("service.name"), config.serviceName()))))
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())));
    if (exporter != null) {
      builder.addSpanProcessor(
          synchronous
              ? SimpleSpanProcessor.create(exporter)
              : BatchSpanProcessor.builder(exporter).build());
    }
    return new Tracing(builder.build());
  }

  /** True when spans are made. */
  public boolean enabled() {
    return tracer != null;
  }

  /**
   * Starts the trace of one request.
   *
   * @param headers reads the request's headers ({@code traceparent}, {@code tracestate})
   * @param route the public model name the client asked for
   * @param providerNames turns a configured provider's name into its {@code gen_ai.provider.name}
   */
  public RequestTrace start(
      Function<String, String> headers,
      String requestId,
      String endpoint,
      String route,
      String tenant,
      java.util.function.UnaryOperator<String> providerNames) {
    return start(headers, requestId, endpoint, GenAi.CHAT, route, tenant, providerNames);
  }

  /**
   * Starts the trace of one request of the GenAI {@code operation} ({@link GenAi#CHAT}, {@link
   * GenAi#EMBEDDINGS}); its server span is named {@code "<operation> <route>"}.
   */
  public RequestTrace start(
      Function<String, String> headers,
      String requestId,
      String endpoint,
      String operation,
      String route,
      String tenant,
      java.util.function.UnaryOperator<String> providerNames) {
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    if (tracer == null) {
      SpanContext remote = io.opentelemetry.api.trace.Span.fromContext(parent).getSpanContext();
      return remote.isValid()
          ? new PassedOn(headers.apply("traceparent"), remote)
          : RequestTrace.NONE;
    }
    io.opentelemetry.api.trace.Span span =
        tracer
            .spanBuilder(operation + " " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(GenAi.OPERATION_NAME, operation)
            .setAttribute(GenAi.REQUEST_MODEL, route)
            .setAttribute(REQUEST_ID, requestId)
            .setAttribute(ENDPOINT, endpoint)
            .setAttribute(TENANT, tenant == null ? "" : tenant)
            .startSpan();
    handled.add(requestId);
    return new SpanTrace(tracer, span, providerNames, operation);
  }

  /**
   * The trace of a request as it arrives, for when no handler takes it (a refusal at the edge, an
   * unknown URL, a wrong key): its trace id, and {@link #end} with the status sent. A handler that
   * takes the request makes its own trace ({@link #start}); this one is then dropped (never ended,
   * never exported).
   */
  public interface EdgeTrace {
    /** The trace id to answer with, or null when there is none. */
    String traceId();

    /**
     * Ends the server span with the status sent, unless a handler traced the request itself (does
     * nothing when spans are not made).
     */
    void end(int status);
  }

  /**
   * Starts the trace of a request that may be refused before a handler takes it: a server span
   * named {@code "<method> <path>"} under the client's {@code traceparent}; without tracing, the
   * client's trace id alone.
   */
  public EdgeTrace edge(
      Function<String, String> headers, String requestId, String method, String path) {
    if (tracer == null) {
      String id = clientTraceId(headers);
      return new EdgeTrace() {
        @Override
        public String traceId() {
          return id;
        }

        @Override
        public void end(int status) {}
      };
    }
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    io.opentelemetry.api.trace.Span span =
        tracer
            .spanBuilder(method + " " + path)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(REQUEST_ID, requestId)
            .setAttribute(ENDPOINT, path)
            .startSpan();
    return new EdgeTrace() {
      @Override
      public String traceId() {
        return span.getSpanContext().getTraceId();
      }

      @Override
      public void end(int status) {
        if (handled.remove(requestId)) {
          return;
        }
        span.setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status);
        if (status >= 500 || status < 0) {
          span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
        }
        span.end();
      }
    };
  }

  /**
   * The trace id of a client's valid W3C {@code traceparent} (32 lowercase hex digits), or null
   * when it sent none or an invalid one. For requests refused before they reach a handler, which
   * make no spans.
   */
  public static String clientTraceId(Function<String, String> headers) {
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    SpanContext remote = io.opentelemetry.api.trace.Span.fromContext(parent).getSpanContext();
    return remote.isValid() ? remote.getTraceId() : null;
  }

  /**
   * Ends a request's trace with its outcome (does nothing for a trace this instance did not make).
   *
   * @param provider the configured provider that answered, or null
   * @param inputTokens -1 when unknown; likewise {@code outputTokens}
   */
  public static void finish(
      RequestTrace trace,
      int status,
      String errorType,
      String provider,
      String responseModel,
      long inputTokens,
      long outputTokens) {
    if (trace instanceof SpanTrace spans) {
      spans.finish(status, errorType, provider, responseModel, inputTokens, outputTokens);
    }
  }

  /** Flushes spans not yet exported and stops the exporter. */
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** A client's trace passed on untouched when Gantry makes no spans of its own. */
  private record PassedOn(String traceparent, SpanContext context) implements RequestTrace {
    @Override
    public String traceId() {
      return context.getTraceId();
    }

    @Override
    public RequestTrace.Span stage(String name, boolean onResponse) {
      return RequestTrace.Span.NONE;
    }

    @Override
    public RequestTrace.Span attempt(String provider, String model, int attempt) {
      return RequestTrace.Span.NONE;
    }
  }
}
