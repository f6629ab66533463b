package dev.gantry.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server that answers like OpenAI, Azure OpenAI and Anthropic, following a {@link
 * Scenario}. Thread-safe; start with {@link #start}, stop with {@link #close}.
 *
 * <p>Every random decision (faults, delays, ids) comes from one generator seeded with the effective
 * seed, split once per request in arrival order, so the same seed and the same request order give
 * the same decisions.
 */
public final class Simulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final int RECEIVED_CAPACITY = 1000;
  private static final long START_TIMEOUT_SECONDS = 30;

  /**
   * One request as received.
   *
   * @param headers header names in lower case; repeated headers joined with ", "
   * @param body the JSON object body, or null when the body is empty or not a JSON object
   */
  public record Received(String method, String path, Map<String, String> headers, ObjectNode body) {
    public Received {
      headers = Map.copyOf(headers);
    }
  }

  private final SimulatorOptions options;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;
  private final AtomicReference<SimState> state;
  private final ReceivedLog received;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Simulator(
      SimulatorOptions options,
      Vertx vertx,
      boolean ownsVertx,
      HttpServer server,
      AtomicReference<SimState> state,
      ReceivedLog received) {
    this.options = options;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.server = server;
    this.state = state;
    this.received = received;
  }

  /**
   * Starts listening and returns once the port is bound. Do not call on a Vert.x event loop.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Simulator start(SimulatorOptions options) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("Simulator.start blocks; do not call it on an event loop");
    }
    Scenario scenario = options.scenario() != null ? options.scenario() : Scenario.instant();
    // Load the tokenizer here, not on the event loop during the first request: on a busy machine
    // that takes seconds and stalls every answer behind it.
    Tokens.count("warm up");
    boolean ownsVertx = options.vertx() == null;
    Vertx vertx =
        ownsVertx
            ? Vertx.vertx(new VertxOptions().setPreferNativeTransport(true))
            : options.vertx();
    AtomicReference<SimState> state =
        new AtomicReference<>(
            new SimState(scenario, options.effectiveSeed(scenario), System::nanoTime));
    ReceivedLog received = new ReceivedLog(RECEIVED_CAPACITY);
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.host())
            .setPort(options.port())
            .setTcpNoDelay(true)
            .setReuseAddress(true);
    if (options.tlsCert() != null) {
      serverOptions
          .setSsl(true)
          .setKeyCertOptions(
              new io.vertx.core.net.PemKeyCertOptions()
                  .setCertPath(options.tlsCert().toString())
                  .setKeyPath(options.tlsKey().toString()));
    }
    HttpServer server =
        vertx
            .createHttpServer(serverOptions)
            .requestHandler(new Router(vertx, state::get, received));
    try {
      await(server.listen());
    } catch (RuntimeException e) {
      if (ownsVertx) {
        vertx.close();
      }
      throw new IllegalStateException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    Simulator simulator = new Simulator(options, vertx, ownsVertx, server, state, received);
    LOG.info(
        "gantry-sim listening on {} ({} transport, seed {}, {})",
        simulator.baseUrl(),
        vertx.isNativeTransportEnabled() ? "native" : "NIO",
        state.get().seed,
        scenario);
    return simulator;
  }

  /** The bound TCP port. */
  public int port() {
    return server.actualPort();
  }

  /** {@code http://<host>:<port>}, with 127.0.0.1 for a wildcard host. */
  public String baseUrl() {
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return (options.tlsCert() == null ? "http://" : "https://") + host + ":" + port();
  }

  /** The scenario in force. */
  public Scenario scenario() {
    return state.get().scenario;
  }

  /** The seed of the scenario in force. */
  public long seed() {
    return state.get().seed;
  }

  /**
   * Replaces the scenario atomically; requests already admitted finish under the old one. Fault
   * counters, the rate limit and the random generator start afresh.
   */
  public void scenario(Scenario scenario) {
    Scenario next = scenario != null ? scenario : Scenario.instant();
    state.set(new SimState(next, options.effectiveSeed(next), System::nanoTime));
  }

  /** The last (at most 1000) requests received, oldest first. */
  public List<Received> received() {
    return received.snapshot();
  }

  public void clearReceived() {
    received.clear();
  }

  /** Stops the server (closing open connections) and the Vert.x instance if it created it. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      await(server.close());
    } finally {
      if (ownsVertx) {
        await(vertx.close());
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + START_TIMEOUT_SECONDS + " s", e);
    }
  }
}
