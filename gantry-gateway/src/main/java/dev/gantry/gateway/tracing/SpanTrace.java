package dev.gantry.gateway.tracing;

import dev.gantry.core.pipeline.RequestTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

/**
 * The spans of one traced request: the server span, and under it one span per stage phase and one
 * client span per upstream attempt. Used on the request's event loop only.
 */
final class SpanTrace implements RequestTrace {
  static final AttributeKey<String> STAGE = AttributeKey.stringKey("gantry.stage");
  static final AttributeKey<String> PHASE = AttributeKey.stringKey("gantry.phase");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("gantry.attempt");

  static final AttributeKey<String> REFUSAL = AttributeKey.stringKey("gantry.refusal");

  private final Tracer tracer;
  private final io.opentelemetry.api.trace.Span root;
  private final Context context;
  private final java.util.function.UnaryOperator<String> providerNames;
  private final String operation;
  private io.opentelemetry.api.trace.Span attempt;

  /**
   * @param providerNames turns a configured provider's name into its {@code gen_ai.provider.name}
   * @param operation the GenAI operation of the request and its attempts ({@code chat}, {@code
   *     embeddings})
   */
  SpanTrace(
      Tracer tracer,
      io.opentelemetry.api.trace.Span root,
      java.util.function.UnaryOperator<String> providerNames,
      String operation) {
    this.operation = operation;
    this.tracer = tracer;
    this.root = root;
    this.context = Context.root().with(root);
    this.providerNames = providerNames;
  }

  @Override
  public String traceId() {
    return root.getSpanContext().getTraceId();
  }

  @Override
  public String traceparent() {
    io.opentelemetry.api.trace.Span current = attempt != null ? attempt : root;
    String[] out = new String[1];
    W3CTraceContextPropagator.getInstance()
        .inject(
            Context.root().with(current),
            out,
            (carrier, key, value) -> {
              if ("traceparent".equals(key)) {
                carrier[0] = value;
              }
            });
    return out[0];
  }

  @Override
  public RequestTrace.Span stage(String name, boolean onResponse) {
    io.opentelemetry.api.trace.Span span =
        tracer
            .spanBuilder("gantry.stage " + name)
            .setParent(context)
            .setAttribute(STAGE, name)
            .setAttribute(PHASE, onResponse ? "response" : "request")
            .startSpan();
    return error -> {
      if (error != null && !"exception".equals(error)) {
        span.setAttribute(REFUSAL, error);
        span.end();
      } else {
        end(span, error);
      }
    };
  }

  @Override
  public RequestTrace.Span attempt(String provider, String model, int n) {
    io.opentelemetry.api.trace.Span span =
        tracer
            .spanBuilder(operation + " " + model)
            .setParent(context)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(GenAi.OPERATION_NAME, operation)
            .setAttribute(GenAi.PROVIDER_NAME, providerNames.apply(provider))
            .setAttribute(GenAi.REQUEST_MODEL, model)
            .setAttribute(ATTEMPT, (long) n)
            .startSpan();
    attempt = span;
    return error -> {
      if (attempt == span) {
        attempt = null;
      }
      end(span, error);
    };
  }

  /** Ends the request's span with its outcome. */
  void finish(
      int status,
      String errorType,
      String provider,
      String responseModel,
      long inputTokens,
      long outputTokens) {
    root.setAttribute("http.response.status_code", (long) status);
    if (provider != null) {
      root.setAttribute(GenAi.PROVIDER_NAME, providerNames.apply(provider));
    }
    if (responseModel != null) {
      root.setAttribute(GenAi.RESPONSE_MODEL, responseModel);
    }
    if (inputTokens >= 0) {
      root.setAttribute(GenAi.USAGE_INPUT_TOKENS, inputTokens);
    }
    if (outputTokens >= 0) {
      root.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, outputTokens);
    }
    end(root, status >= 500 ? errorType == null ? "_OTHER" : errorType : null);
  }

  private static void end(io.opentelemetry.api.trace.Span span, String error) {
    if (error != null) {
      span.setAttribute(GenAi.ERROR_TYPE, error);
      span.setStatus(StatusCode.ERROR, error);
    }
    span.end();
  }
}
