package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Admission} shared by every replica through Redis: a claim's check and reservation over all
 * its counters is one Lua script, so no replica's claim can slip between another's check and
 * reservation, and the limits hold across replicas. A counter Redis does not have yet starts from
 * its {@link LocalAdmission.Baseline} (the spend ledger's sum for the window), loaded by the
 * replica that first needs it; reservations expire after the claim's TTL on Redis's clock (a
 * replica that dies holding one does not hold it for ever); counters expire a day after their
 * window. A settlement is a second script, run when the request is over. Shared and thread-safe;
 * never blocks the caller.
 */
public final class RedisAdmission implements Admission {
  private static final String RESERVE =
      RedisScripts.script("spend_reserve.lua") + "return reserve(KEYS, ARGV)\n";
  private static final String SETTLE = RedisScripts.script("spend_settle.lua");
  private static final long KEEP_AFTER_WINDOW_MILLIS = 86_400_000L;

  private final RedisScripts redis;
  private final LocalAdmission.Baseline baseline;
  private final Clock clock;

  RedisAdmission(RedisScripts redis, LocalAdmission.Baseline baseline, Clock clock) {
    this.redis = redis;
    this.baseline = baseline;
    this.clock = clock;
  }

  /**
   * Admission on {@code config.url()}; nothing is connected until the first claim.
   *
   * @param clock decides how long a counter is kept in Redis: until a day after its window
   */
  public static RedisAdmission connect(
      RedisConfig config,
      LocalAdmission.Baseline baseline,
      Clock clock,
      io.vertx.core.Vertx vertx) {
    return new RedisAdmission(new RedisScripts(config, vertx), baseline, clock);
  }

  @Override
  public CompletionStage<Decision> reserve(Claim claim) {
    String permit = permitId(claim);
    String[] baselines = unknownBaselines(claim);
    return attempt(claim, permit, baselines)
        .thenCompose(
            out -> {
              if (((Number) out.get(0)).intValue() != -1) {
                return CompletableFuture.completedFuture(decision(claim, permit, out));
              }
              List<CompletableFuture<Void>> loads = new ArrayList<>();
              for (int k = 1; k < out.size(); k++) {
                int i = ((Number) out.get(k)).intValue() - 1;
                loads.add(
                    baseline
                        .load(claim.charges().get(i).counter())
                        .toCompletableFuture()
                        .thenAccept(v -> baselines[i] = Long.toString(v)));
              }
              return CompletableFuture.allOf(loads.toArray(new CompletableFuture<?>[0]))
                  .thenCompose(v -> attempt(claim, permit, baselines))
                  .thenApply(again -> decision(claim, permit, again));
            });
  }

  private CompletableFuture<List<?>> attempt(Claim claim, String permit, String[] baselines) {
    return redis
        .eval(RESERVE, keys(claim.charges()), args(claim, permit, baselines))
        .thenApply(o -> (List<?>) o);
  }

  /** A new permit's id: the claim's owner and a random part. */
  static String permitId(Claim claim) {
    return claim.owner() + "/" + UUID.randomUUID();
  }

  /** No counter's baseline known: a counter Redis does not have makes the script ask for it. */
  static String[] unknownBaselines(Claim claim) {
    String[] baselines = new String[claim.charges().size()];
    java.util.Arrays.fill(baselines, "");
    return baselines;
  }

  /** The arguments of {@code spend_reserve.lua} for {@code claim}. */
  String[] args(Claim claim, String permit, String[] baselines) {
    List<Charge> charges = claim.charges();
    String[] args = new String[3 + 4 * charges.size()];
    args[0] = Integer.toString(charges.size());
    args[1] = permit;
    args[2] = Long.toString(claim.ttl().toMillis());
    for (int i = 0; i < charges.size(); i++) {
      Charge c = charges.get(i);
      args[3 + 4 * i] = Long.toString(c.amount());
      args[4 + 4 * i] = c.limit() == Long.MAX_VALUE ? "-1" : Long.toString(c.limit());
      long keep = c.counter().windowEnd().toEpochMilli() - clock.millis();
      args[5 + 4 * i] = Long.toString(Math.max(0, keep) + KEEP_AFTER_WINDOW_MILLIS);
      args[6 + 4 * i] = baselines[i];
    }
    return args;
  }

  private Decision decision(Claim claim, String permit, List<?> out) {
    int status = ((Number) out.get(0)).intValue();
    if (status == 1) {
      return new Decision.Admitted(permit(permit, claim));
    }
    if (status == 0) {
      Charge refused = claim.charges().get(((Number) out.get(1)).intValue() - 1);
      return new Decision.Refused(refused, ((Number) out.get(2)).longValue());
    }
    // a counter expired between loading its baseline and reserving: refuse rather than guess
    throw new IllegalStateException("a spend counter vanished while it was being loaded");
  }

  /** The keys of {@code spend_reserve.lua} and {@code spend_settle.lua} for {@code charges}. */
  static String[] keys(List<Charge> charges) {
    String[] k = new String[2 * charges.size()];
    for (int i = 0; i < charges.size(); i++) {
      String id = charges.get(i).counter().id();
      k[2 * i] = "gantry:sp:" + id;
      k[2 * i + 1] = "gantry:spx:" + id;
    }
    return k;
  }

  /** The permit of a reservation made in Redis under {@code id} (by this or another script). */
  Permit permit(String id, Claim claim) {
    return new RedisPermit(id, claim.charges());
  }

  /** The connection, for a store that shares it. */
  RedisScripts scripts() {
    return redis;
  }

  /** A reservation held in Redis. */
  private final class RedisPermit implements Permit {
    private final String id;
    private final List<Charge> charges;
    private final AtomicBoolean done = new AtomicBoolean();

    RedisPermit(String id, List<Charge> charges) {
      this.id = id;
      this.charges = charges;
    }

    @Override
    public List<Settled> settle(long actual) {
      settleAsync(actual);
      return List.of();
    }

    @Override
    public CompletionStage<List<Settled>> settleAsync(long actual) {
      if (actual < 0) {
        throw new IllegalArgumentException("actual must be >= 0, was " + actual);
      }
      if (!done.compareAndSet(false, true)) {
        return CompletableFuture.completedFuture(List.of());
      }
      String[] args = {Integer.toString(charges.size()), id, Long.toString(actual)};
      return redis
          .eval(SETTLE, keys(charges), args)
          .thenApply(
              o -> {
                List<?> out = (List<?>) o;
                List<Settled> settled = new ArrayList<>(charges.size());
                for (int i = 0; i < charges.size(); i++) {
                  long before = ((Number) out.get(2 * i)).longValue();
                  long after = ((Number) out.get(2 * i + 1)).longValue();
                  if (before >= 0) {
                    settled.add(new Settled(charges.get(i), before, after));
                  }
                }
                return settled;
              });
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
