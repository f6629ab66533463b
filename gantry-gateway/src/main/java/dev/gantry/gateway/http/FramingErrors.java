package dev.gantry.gateway.http;

import dev.gantry.core.api.ApiError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;

/**
 * Answers a request body whose HTTP/1.1 framing is broken (a malformed chunk size, a chunk shorter
 * than it said) with the API's 400 JSON error, then closes the connection. Vert.x itself closes
 * such a connection without a word, before any handler could answer, so this sits in the
 * connection's Netty pipeline just after the HTTP codec: it sees the decoder's failure first, and
 * the responses going out, so that it never writes a second answer after one has begun. Installed
 * through Vert.x's connection internals when they are there (HTTP/1.x); otherwise nothing changes.
 * One per connection; its event-loop thread only.
 */
final class FramingErrors extends ChannelDuplexHandler {
  static final String NAME = "gantry-framing-errors";

  private boolean answering;

  private FramingErrors() {}

  /** Adds the handler to an HTTP/1.x connection's pipeline. */
  static void install(HttpConnection conn) {
    if (conn instanceof io.vertx.core.net.impl.ConnectionBase base) {
      ChannelPipeline p = base.channel().pipeline();
      if (p.get("httpEncoder") != null && p.get(NAME) == null) {
        p.addAfter("httpEncoder", NAME, new FramingErrors());
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      answering = false;
    } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      if (answering) {
        ctx.close();
      } else {
        answering = true;
        ctx.writeAndFlush(badFraming()).addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpResponse) {
      answering = true;
    }
    super.write(ctx, msg, promise);
  }

  private static FullHttpResponse badFraming() {
    byte[] body =
        ApiError.invalid(
                "The request body could not be read: its chunked framing is malformed.",
                null,
                "malformed_body")
            .toBytes();
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, "close");
    return r;
  }
}
