package dev.gantry.gateway.http;

import dev.gantry.core.api.ApiError;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Answers requests the HTTP decoder could not read — a malformed request line (HTTP/0.9 included),
 * an overlong URI or header section, broken header syntax — with the API's JSON error instead of an
 * empty body; the server then closes the connection. Stateless.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  static final InvalidRequests INSTANCE = new InvalidRequests();

  private InvalidRequests() {}

  @Override
  public void handle(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error =
          new ApiError(
              414, "The request line is too long.", ApiError.INVALID_REQUEST, null, "uri_too_long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error =
          new ApiError(
              431,
              "The request headers are too large.",
              ApiError.INVALID_REQUEST,
              null,
              "headers_too_large");
    } else {
      error = ApiError.invalid("The request is not valid HTTP/1.1.", null, "bad_request");
    }
    HttpServerResponse response = request.response();
    JsonBody.closeAfter(response);
    Responses.error(response, error);
  }
}
