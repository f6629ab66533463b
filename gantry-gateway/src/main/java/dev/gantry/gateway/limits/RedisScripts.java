package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Redis connection that runs Lua scripts: connects lazily, reconnects on its own (at most a
 * second between tries), runs a script by its digest and sends its text only when Redis does not
 * have it yet, and fails every command that takes longer than {@code redis.timeout}. Shared and
 * thread-safe; never blocks the caller.
 */
final class RedisScripts implements AutoCloseable {
  /** How long connecting may take (the first connection also loads the client library). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private static final Map<String, String> SHA = new ConcurrentHashMap<>();

  private final RedisClient client;
  private final RedisURI uri;
  private final long timeoutMillis;
  private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  RedisScripts(RedisConfig config) {
    this.uri = RedisURI.create(config.url());
    uri.setTimeout(CONNECT_TIMEOUT);
    // reconnect soon after Redis returns: at most a second between tries (the default is 30 s)
    io.lettuce.core.resource.ClientResources resources =
        io.lettuce.core.resource.DefaultClientResources.builder()
            .reconnectDelay(
                io.lettuce.core.resource.Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(config.timeoutMillis())))
            .build());
    this.timeoutMillis = config.timeoutMillis();
  }

  private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
    CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
    if (c == null || c.isCompletedExceptionally()) {
      synchronized (this) {
        c = connection;
        if (c == null || c.isCompletedExceptionally()) {
          c =
              client
                  .connectAsync(StringCodec.UTF8, uri)
                  .toCompletableFuture()
                  .orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          connection = c;
        }
      }
    }
    return c;
  }

  /** Runs {@code script} (its text) on {@code keys} and {@code args}; a list comes back. */
  CompletableFuture<Object> eval(String script, String[] keys, String[] args) {
    String sha = SHA.computeIfAbsent(script, RedisScripts::sha1);
    return connection()
        .thenCompose(
            c ->
                c.async()
                    .<Object>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                    .toCompletableFuture()
                    .exceptionallyCompose(
                        e ->
                            String.valueOf(e.getMessage()).contains("NOSCRIPT")
                                ? c.async()
                                    .<Object>eval(script, ScriptOutputType.MULTI, keys, args)
                                    .toCompletableFuture()
                                : CompletableFuture.failedFuture(e))
                    .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS));
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
    CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
    if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
      c.join().close();
    }
    client
        .shutdownAsync(0, 1, TimeUnit.SECONDS)
        .whenComplete((v, e) -> client.getResources().shutdown(0, 1, TimeUnit.SECONDS));
  }
}
