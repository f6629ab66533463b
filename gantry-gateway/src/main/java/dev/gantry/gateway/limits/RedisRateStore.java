package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.pipeline.RateStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
  private static final String ACQUIRE = RedisScripts.script("acquire.lua");
  private static final String RELEASE = RedisScripts.script("release.lua");

  private final RedisScripts redis;
  private final long leaseTtlMillis;
  private final RedisAdmission spend;

  private RedisRateStore(RedisScripts redis, long leaseTtl, RedisAdmission spend) {
    this.redis = redis;
    this.leaseTtlMillis = leaseTtl;
    this.spend = spend;
  }

  /**
   * A store on {@code config.url()}, with a connection of its own; nothing is connected until the
   * first command.
   *
   * @param leaseTtl how long a concurrency slot is held when its request never releases it
   */
  public static RedisRateStore connect(RedisConfig config, Duration leaseTtl) {
    return new RedisRateStore(new RedisScripts(config), leaseTtl.toMillis(), null);
  }

  /**
   * A store on the connection of {@code spend}, which owns it: closing this store leaves it open.
   *
   * @param leaseTtl how long a concurrency slot is held when its request never releases it
   */
  static RedisRateStore on(RedisAdmission spend, Duration leaseTtl) {
    return new RedisRateStore(spend.scripts(), leaseTtl.toMillis(), spend);
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
  public CompletionStage<Void> release(
      String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
    String[] args = new String[3 + 3 * keys.size()];
    args[0] = Integer.toString(keys.size());
    args[1] = leaseId;
    args[2] = Long.toString(reservedTokens - actualTokens);
    limits(keys, args, 3);
    return eval(RELEASE, keys(keys), args).thenApply(out -> null);
  }

  private CompletableFuture<Object> eval(String script, String[] keys, String[] args) {
    return redis.eval(script, keys, args);
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

  @Override
  public void close() {
    if (spend == null) {
      redis.close();
    }
  }
}
