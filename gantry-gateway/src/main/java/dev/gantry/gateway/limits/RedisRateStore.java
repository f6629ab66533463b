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
 * {@code redis.timeout}. On the connection of the spend admission ({@link #on}), the same script
 * also reserves the request's spend claim, so that admitting a request and reserving its spend take
 * one round trip. Shared and thread-safe; never blocks the caller.
 */
public final class RedisRateStore implements RateStore {
  private static final String ACQUIRE =
      RedisScripts.script("acquire.lua") + "return acquire(KEYS, ARGV)\n";
  private static final String ADMIT =
      RedisScripts.script("acquire.lua", "spend_reserve.lua", "admit.lua");
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
   * first command. It takes no spend claims.
   *
   * @param leaseTtl how long a concurrency slot is held when its request never releases it
   */
  public static RedisRateStore connect(
      RedisConfig config, Duration leaseTtl, io.vertx.core.Vertx vertx) {
    return new RedisRateStore(new RedisScripts(config, vertx), leaseTtl.toMillis(), null);
  }

  /**
   * A store on the connection of {@code spend} (which owns it: closing this store leaves it open),
   * that reserves a request's spend claim in the same script as its rate limits.
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

  /**
   * Takes the rate limits and, when they are granted and this store shares a spend admission's
   * connection, reserves {@code claim} in the same script (one round trip): all of the claim if it
   * fits, else none of it. The grant carries the claim's permit, or null when it was not reserved.
   */
  @Override
  public CompletionStage<RateResult> acquire(
      String leaseId, List<RateKey> keys, long tokens, Claim claim) {
    if (claim == null || spend == null || claim.charges().isEmpty()) {
      return acquire(leaseId, keys, tokens);
    }
    String permit = RedisAdmission.permitId(claim);
    String[] rateKeys = keys(keys);
    String[] spendKeys = RedisAdmission.keys(claim.charges());
    String[] k = java.util.Arrays.copyOf(rateKeys, rateKeys.length + spendKeys.length);
    System.arraycopy(spendKeys, 0, k, rateKeys.length, spendKeys.length);
    String[] spendArgs = spend.args(claim, permit, RedisAdmission.unknownBaselines(claim));
    String[] args = new String[4 + 3 * keys.size() + spendArgs.length];
    args[0] = Integer.toString(keys.size());
    args[1] = leaseId;
    args[2] = Long.toString(tokens);
    args[3] = Long.toString(leaseTtlMillis);
    limits(keys, args, 4);
    System.arraycopy(spendArgs, 0, args, 4 + 3 * keys.size(), spendArgs.length);
    return eval(ADMIT, k, args)
        .thenApply(
            o -> {
              List<?> out = (List<?>) o;
              RateResult r = result(out, keys, tokens);
              if (r instanceof RateResult.Granted g
                  && ((Number) out.get(1 + 2 * keys.size())).intValue() == 1) {
                return new RateResult.Granted(g.status(), spend.permit(permit, claim));
              }
              return r;
            });
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
