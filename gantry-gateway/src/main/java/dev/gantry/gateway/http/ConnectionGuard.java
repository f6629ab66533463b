package dev.gantry.gateway.http;

import dev.gantry.core.config.ServerConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection-level limits of one listener. At most {@code server.max_connections} connections are
 * open at once (lowered to leave room when the process may open fewer files) and at most {@code
 * server.max_connections_per_ip} from one client address; a connection beyond either is closed as
 * it arrives. Every request's headers must arrive within {@code server.body_timeout} of the moment
 * the connection became idle — its opening, or the end of the previous response on a keep-alive
 * connection — else the connection is closed: a client cannot trickle headers for ever, and an idle
 * keep-alive connection is closed after the same time. Shared by the listener's event loops;
 * thread-safe.
 */
public final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final int max;
  private final int maxPerAddress;
  private final long headerMs;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public ConnectionGuard(ServerConfig server) {
    this.max = withinFileLimit(server.maxConnections());
    this.maxPerAddress = server.maxConnectionsPerIp();
    this.headerMs = server.bodyTimeout().toMillis();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /**
   * {@code configured}, lowered when the process may open too few files for it: a quarter of the
   * file limit (at least 256) stays free for the store, upstream connections and the JVM.
   */
  static int withinFileLimit(int configured) {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long files = unix.getMaxFileDescriptorCount();
      long room = files - Math.max(256, files / 4);
      if (room > 0 && room < configured) {
        LOG.warn(
            "server.max_connections {} lowered to {}: the process may open only {} files",
            configured,
            room,
            files);
        return (int) room;
      }
    }
    return configured;
  }

  /** The handlers for one event loop's server: they keep that loop's connections. */
  public Loop forLoop(Vertx vertx, HttpApi api) {
    return new Loop(vertx, api);
  }

  /** The connection and request handlers of one event loop; event-loop thread only. */
  public final class Loop {
    private final Vertx vertx;
    private final HttpApi api;
    private final Map<HttpConnection, State> states = new HashMap<>();

    private Loop(Vertx vertx, HttpApi api) {
      this.vertx = vertx;
      this.api = api;
    }

    public Handler<HttpConnection> connections() {
      return this::connected;
    }

    public Handler<HttpServerRequest> requests() {
      return this::request;
    }

    private void connected(HttpConnection conn) {
      String address = conn.remoteAddress() == null ? "" : conn.remoteAddress().hostAddress();
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        refuse(conn, "server.max_connections (" + max + ")");
        return;
      }
      boolean counted = maxPerAddress > 0;
      if (counted && byAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
        release(address);
        open.decrementAndGet();
        refuse(conn, "server.max_connections_per_ip (" + maxPerAddress + ")");
        return;
      }
      FramingErrors.install(conn);
      State state = new State(counted ? address : null);
      states.put(conn, state);
      arm(conn, state);
      conn.closeHandler(
          v -> {
            states.remove(conn);
            vertx.cancelTimer(state.timer);
            open.decrementAndGet();
            if (state.address != null) {
              release(state.address);
            }
          });
    }

    private void request(HttpServerRequest request) {
      HttpConnection conn = request.connection();
      State state = states.get(conn);
      if (state == null) {
        api.handle(request);
        return;
      }
      vertx.cancelTimer(state.timer);
      state.active++;
      api.handle(
          request,
          () -> {
            state.active--;
            if (state.active == 0 && states.get(conn) == state) {
              arm(conn, state);
            }
          });
    }

    private void arm(HttpConnection conn, State state) {
      state.timer =
          vertx.setTimer(
              headerMs,
              id -> {
                if (state.active == 0 && states.get(conn) == state) {
                  conn.close();
                }
              });
    }
  }

  private void release(String address) {
    byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  private void refuse(HttpConnection conn, String limit) {
    conn.close();
    long n = refused.incrementAndGet();
    long last = lastLog.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.warn("refusing connections above {}; {} refused so far", limit, n);
    }
  }

  /** One connection: its counted client address (or null), header timer, requests in progress. */
  private static final class State {
    final String address;
    long timer = -1;
    int active;

    State(String address) {
      this.address = address;
    }
  }
}
