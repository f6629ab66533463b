package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/**
 * The face of one inbound API (OpenAI chat, OpenAI Responses, Anthropic Messages, legacy
 * completions) at the edge of the pipeline: the request has already been turned into the one
 * canonical chat request the stages understand; this turns the canonical answer, the canonical
 * chunk stream and every error back into that API's shape. Stages never see it.
 *
 * <p>An instance may carry what one request needs to render its answer (the Responses API echoes
 * request fields back), so adapters create one per request; it is used on that request's event loop
 * only.
 */
interface InboundApi {

  /** Short name used in events and metrics: {@code chat}, {@code responses}, … */
  String name();

  /** The endpoint whose roles and key scope govern the call. */
  Endpoint endpoint();

  /** Prepares the exchange before the pipeline runs (e.g. keeps the request in its own API). */
  default void prepare(Exchange exchange) {}

  /** Writes {@code error} as this API's JSON error body with the error's status. */
  void error(HttpServerResponse response, ApiError error);

  /**
   * Writes the complete canonical {@code chat.completion} as this API's 200 answer (the audit
   * record is already committed).
   */
  void answer(HttpServerResponse response, Exchange exchange, ObjectNode completion);

  /**
   * The sink a streamed request's canonical chunks go to, writing this API's stream events.
   *
   * @param beforeFirstByte sets the status and gateway headers just before the first byte
   * @param plainError answers with an ordinary error response when nothing was streamed yet
   */
  ChunkSink stream(
      HttpServerResponse response,
      Exchange exchange,
      Runnable beforeFirstByte,
      Consumer<ApiError> plainError);
}
