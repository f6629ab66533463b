package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs Lua scripts on Redis over one connection per event loop (Vert.x's Redis client), so a
 * request's script is written and its answer read on the event loop that serves the request, with
 * no hand-off to another thread and back (on a busy core each hand-off waits for the scheduler).
 * Connects lazily and again after a connection fails or closes; runs a script by its digest and
 * sends its text only when Redis does not have it yet; fails every command that takes longer than
 * {@code redis.timeout}. Shared and thread-safe; never blocks the caller.
 */
final class RedisScripts implements AutoCloseable {
  /** How long connecting may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private static final Map<String, String> SHA = new ConcurrentHashMap<>();

  private final Redis client;
  private final long timeoutMillis;
  private final Map<Object, Future<RedisConnection>> connections = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  RedisScripts(RedisConfig config, Vertx vertx) {
    this.timeoutMillis = config.timeoutMillis();
    this.client =
        Redis.createClient(
            vertx,
            new RedisOptions()
                .setConnectionString(config.url())
                .setNetClientOptions(
                    new NetClientOptions()
                        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true))
                // one connection per event loop, held for the client's life
                .setMaxPoolSize(Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 2))
                .setMaxPoolWaiting(1024));
  }

  /**
   * The connection of the calling event loop (or one shared by other threads), opened on first use
   * and again after it failed.
   */
  private Future<RedisConnection> connection() {
    // keyed by the event-loop thread: each request runs on a context of its own (a duplicate of
    // its event loop's), which must not open a connection of its own
    Object key = Context.isOnEventLoopThread() ? Thread.currentThread() : this;
    Future<RedisConnection> c = connections.get(key);
    if (c != null && !c.failed()) {
      return c;
    }
    synchronized (connections) {
      c = connections.get(key);
      if (c == null || c.failed()) {
        // bound to the calling event loop's context (another thread's gets one of its own)
        // bounded, so that a server that accepts but never answers the handshake fails the
        // connection (and the next call connects again) instead of holding every call
        Future<RedisConnection> opened =
            client.connect().timeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        opened.onSuccess(
            conn -> {
              Runnable forget = () -> connections.remove(key, opened);
              conn.exceptionHandler(e -> forget.run());
              conn.endHandler(v -> forget.run());
              if (closed.get()) {
                conn.close();
              }
            });
        connections.put(key, opened);
        c = opened;
      }
    }
    return c;
  }

  /** Runs {@code script} (its text) on {@code keys} and {@code args}; a list comes back. */
  CompletableFuture<Object> eval(String script, String[] keys, String[] args) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("Redis client closed"));
    }
    String sha = SHA.computeIfAbsent(script, RedisScripts::sha1);
    CompletableFuture<Object> out = new CompletableFuture<>();
    // the timeout counts from the command, not from connecting (a first connection takes longer)
    connection()
        .onComplete(
            (c, failure) -> {
              if (failure != null) {
                out.completeExceptionally(failure);
                return;
              }
              out.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
              c.send(call(Command.EVALSHA, sha, keys, args))
                  .recover(
                      e ->
                          String.valueOf(e.getMessage()).contains("NOSCRIPT")
                              ? c.send(call(Command.EVAL, script, keys, args))
                              : Future.failedFuture(e))
                  .onComplete(
                      (r, e) -> {
                        if (e != null) {
                          out.completeExceptionally(e);
                        } else {
                          out.complete(value(r));
                        }
                      });
            });
    return out;
  }

  private static Request call(Command command, String scriptOrSha, String[] keys, String[] args) {
    Request r = Request.cmd(command).arg(scriptOrSha).arg(keys.length);
    for (String k : keys) {
      r.arg(k);
    }
    for (String a : args) {
      r.arg(a);
    }
    return r;
  }

  /** A reply as plain Java values: a list of longs, strings, nulls and nested lists. */
  static Object value(Response r) {
    if (r == null) {
      return null;
    }
    switch (r.type()) {
      case MULTI, PUSH -> {
        List<Object> list = new ArrayList<>(r.size());
        for (Response item : r) {
          list.add(value(item));
        }
        return list;
      }
      case NUMBER -> {
        return r.toLong();
      }
      case BOOLEAN -> {
        return r.toBoolean() ? 1L : 0L;
      }
      default -> {
        return r.toString();
      }
    }
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A script made of files shipped next to this class, in order (files that define functions, then
   * one that calls them).
   */
  static String script(String... names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      try (InputStream in = RedisScripts.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Future<RedisConnection> c : connections.values()) {
      if (c.succeeded()) {
        try {
          c.result().close();
        } catch (RuntimeException e) {
          // the event loops have stopped: the socket closes with them
        }
      }
    }
    try {
      client.close();
    } catch (RuntimeException e) {
      // as above
    }
  }
}
