package dev.gantry.gateway.routing;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RequestTrace;

/** What the attempt loop records about one request. Used on the request's event loop only. */
public interface AttemptTracker {
  String requestId();

  /** An attempt against {@code provider}/{@code model} starts. */
  void attempt(String provider, String model);

  /** Attempts started so far. */
  int attempts();

  /** The attempt on {@code provider}/{@code model} won a hedge race: it serves the request. */
  default void servedBy(String provider, String model) {}

  /** Adds time spent waiting on upstreams (calls and backoff), in nanoseconds. */
  void addUpstreamNanos(long nanos);

  /** Where the spans of attempts go ({@link RequestTrace#NONE} when not traced). */
  default RequestTrace trace() {
    return RequestTrace.NONE;
  }

  /** The tracker view of a chat exchange. */
  static AttemptTracker of(Exchange exchange) {
    return new AttemptTracker() {
      @Override
      public String requestId() {
        return exchange.requestId();
      }

      @Override
      public void attempt(String provider, String model) {
        exchange.attempt(provider, model);
      }

      @Override
      public int attempts() {
        return exchange.attempts();
      }

      @Override
      public void servedBy(String provider, String model) {
        exchange.servedBy(provider, model);
      }

      @Override
      public void addUpstreamNanos(long nanos) {
        exchange.addUpstreamNanos(nanos);
      }

      @Override
      public RequestTrace trace() {
        return exchange.trace();
      }
    };
  }
}
