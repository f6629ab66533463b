package dev.gantry.gateway;

import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.config.TlsConfig;
import dev.gantry.gateway.http.ConnectionGuard;
import dev.gantry.gateway.http.HttpApi;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Opens a listener: one HTTP server per event loop on the same port, with TLS when configured, its
 * connection limits and header deadline ({@link ConnectionGuard}) and JSON answers to requests the
 * HTTP decoder cannot read. Stateless.
 */
final class Listeners {
  private Listeners() {}

  static int listen(Vertx vertx, ServerConfig server, HttpApi api, int port, int instances) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(server.host())
            .setPort(port)
            .setTcpNoDelay(true)
            .setReuseAddress(true)
            .setIdleTimeout(300)
            // Plain-text HTTP/2 (h2c) is off: with it, a connection is only handed over once its
            // protocol is known, which would let a client that never finishes its headers evade
            // the header timeout. HTTP/2 over TLS (ALPN) is unaffected.
            .setHttp2ClearTextEnabled(false)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(32 * 1024);
    TlsConfig tls = server.tls();
    if (tls != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(tls.cert().toString())
                  .setKeyPath(tls.key().toString()));
      if (tls.clientCa() != null) {
        options
            .setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCa().toString()))
            .setClientAuth(
                tls.clientAuth() == TlsConfig.ClientAuth.REQUIRED
                    ? ClientAuth.REQUIRED
                    : ClientAuth.REQUEST);
      }
    }
    java.util.concurrent.atomic.AtomicInteger actual =
        new java.util.concurrent.atomic.AtomicInteger();
    ConnectionGuard guard = new ConnectionGuard(server);
    try {
      vertx
          .deployVerticle(
              () ->
                  new AbstractVerticle() {
                    @Override
                    public void start(Promise<Void> started) {
                      ConnectionGuard.Loop loop = guard.forLoop(vertx, api);
                      vertx
                          .createHttpServer(options)
                          .connectionHandler(loop.connections())
                          .invalidRequestHandler(api.invalidRequests())
                          .requestHandler(loop.requests())
                          .listen()
                          .onSuccess(
                              s -> {
                                actual.compareAndSet(0, s.actualPort());
                                started.complete();
                              })
                          .onFailure(started::fail);
                    }
                  },
              new DeploymentOptions().setInstances(instances))
          .await();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not listen on " + server.host() + ":" + port + ": " + e.getMessage(), e);
    }
    return actual.get();
  }
}
