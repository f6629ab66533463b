package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.pipeline.RateStatus;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@link RateStore} shared by every replica through Redis: one acquisition is one Lua script that
 * checks and takes from every limit of the request (requests, tokens, concurrency slots) or from
 * none, so the limits are exact across replicas; buckets refill on Redis's own clock. Concurrency
 * slots are leases with an expiry, so a replica that dies does not hold slots for ever. Bucket4j's
 * Redis backend updates one bucket per transaction, which cannot make a request's several limits
 * all-or-nothing; hence the script. Connects lazily and reconnects on its own; every command has
 * {@code redis.timeout}. Shared and thread-safe; never blocks the caller.
 */
public final class RedisRateStore implements RateStore {
  private static final String ACQUIRE = script("acquire.lua");
  private static final String RELEASE = script("release.lua");

  /** How long connecting may take (the first connection also loads the client library). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final RedisClient client;
  private final RedisURI uri;
  private final long timeoutMillis;
  private final long leaseTtlMillis;
  private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;

  private RedisRateStore(RedisClient client, RedisURI uri, long timeoutMillis, long leaseTtl) {
    this.client = client;
    this.uri = uri;
    this.timeoutMillis = timeoutMillis;
    this.leaseTtlMillis = leaseTtl;
  }

  /**
   * A store on {@code config.url()}; nothing is connected until the first command.
   *
   * @param leaseTtl how long a concurrency slot is held when its request never releases it
   */
  public static RedisRateStore connect(RedisConfig config, Duration leaseTtl) {
    RedisURI uri = RedisURI.create(config.url());
    uri.setTimeout(CONNECT_TIMEOUT);
    // reconnect soon after Redis returns: at most a second between tries (the default is 30 s)
    io.lettuce.core.resource.ClientResources resources =
        io.lettuce.core.resource.DefaultClientResources.builder()
            .reconnectDelay(
                io.lettuce.core.resource.Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(config.timeoutMillis())))
            .build());
    return new RedisRateStore(client, uri, config.timeoutMillis(), leaseTtl.toMillis());
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

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public CompletionStage<RateResult> acquire(String leaseId, List<RateKey> keys, long tokens) {
    String[] k = keys(keys);
    String[] args = new String[4 + 3 * keys.size()];
    args[0] = Integer.toString(keys.size());
    args[1] = leaseId;
    args[2] = Long.toString(tokens);
    args[3] = Long.toString(leaseTtlMillis);
    limits(keys, args, 4);
    return eval(ACQUIRE, k, args).thenApply(out -> result((List<?>) out, keys, tokens));
  }

  @Override
  public void release(String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
    String[] args = new String[3 + 3 * keys.size()];
    args[0] = Integer.toString(keys.size());
    args[1] = leaseId;
    args[2] = Long.toString(reservedTokens - actualTokens);
    limits(keys, args, 3);
    eval(RELEASE, keys(keys), args);
  }

  /** Runs a script by its digest, sending its text only when Redis does not have it yet. */
  private CompletableFuture<Object> eval(String script, String[] keys, String[] args) {
    String sha = SHA.get(script);
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

  private static final java.util.Map<String, String> SHA =
      java.util.Map.of(ACQUIRE, sha1(ACQUIRE), RELEASE, sha1(RELEASE));

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

  private static String[] keys(List<RateKey> keys) {
    String[] k = new String[2 * keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      k[2 * i] = "gantry:rl:" + keys.get(i).id();
      k[2 * i + 1] = "gantry:rc:" + keys.get(i).id();
    }
    return k;
  }

  private static void limits(List<RateKey> keys, String[] args, int from) {
    for (int i = 0; i < keys.size(); i++) {
      args[from + 3 * i] = Integer.toString(keys.get(i).limit().rpm());
      args[from + 3 * i + 1] = Integer.toString(keys.get(i).limit().tpm());
      args[from + 3 * i + 2] = Integer.toString(keys.get(i).limit().concurrency());
    }
  }

  private static RateResult result(List<?> out, List<RateKey> keys, long tokens) {
    LocalRateStore.Tightest tight = new LocalRateStore.Tightest();
    if (((Number) out.get(0)).longValue() == 0) {
      RateKey key = keys.get(((Number) out.get(1)).intValue() - 1);
      int dim = ((Number) out.get(2)).intValue();
      long waitMs = ((Number) out.get(3)).longValue();
      long waitNanos = waitMs < 0 ? -1 : waitMs * 1_000_000;
      RateResult.Dimension d =
          dim == 1
              ? RateResult.Dimension.REQUESTS
              : dim == 2 ? RateResult.Dimension.TOKENS : RateResult.Dimension.CONCURRENCY;
      if (d == RateResult.Dimension.REQUESTS) {
        tight.requests(key.limit().rpm(), 0, LocalRateStore.resetNanos(key.limit().rpm(), 0));
      } else if (d == RateResult.Dimension.TOKENS) {
        tight.tokens(key.limit().tpm(), 0, waitNanos);
      }
      RateStatus status = tight.status(waitNanos > 0 ? LocalRateStore.seconds(waitNanos) : 1);
      return new RateResult.Limited(key, d, waitNanos, status);
    }
    for (int i = 0; i < keys.size(); i++) {
      long rpm = keys.get(i).limit().rpm();
      long tpm = keys.get(i).limit().tpm();
      long r = ((Number) out.get(1 + 2 * i)).longValue();
      long t = ((Number) out.get(2 + 2 * i)).longValue();
      if (rpm > 0) {
        tight.requests(rpm, r, LocalRateStore.resetNanos(rpm, r));
      }
      if (tpm > 0) {
        tight.tokens(tpm, t, LocalRateStore.resetNanos(tpm, t));
      }
    }
    return new RateResult.Granted(tight.status(0));
  }

  private static String script(String name) {
    try (InputStream in = RedisRateStore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
    if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
      c.join().close();
    }
    client
        .shutdownAsync(0, 1, TimeUnit.SECONDS)
        .whenComplete((v, e) -> client.getResources().shutdown(0, 1, TimeUnit.SECONDS));
  }
}
