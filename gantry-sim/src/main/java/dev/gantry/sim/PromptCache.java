package dev.gantry.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The simulated providers' prompt caches. OpenAI caches automatically: a prompt of 1,024 tokens or
 * more reads the longest earlier-seen prefix (at message boundaries) in steps of 128 tokens from
 * 1,024. Anthropic caches at the request's {@code cache_control} breakpoints: the last breakpoint
 * whose prefix is cached is read, the rest up to the last breakpoint is written with the TTL of the
 * breakpoint that ends each part (5 minutes, or 1 hour with {@code "ttl": "1h"}). No minimum prompt
 * length is simulated for Anthropic. Entries expire on the simulator's clock. Thread-safe.
 */
final class PromptCache {
  static final int OPENAI_MIN_TOKENS = 1024;
  static final int OPENAI_STEP = 128;
  static final long OPENAI_TTL_MS = 5 * 60_000L;

  /** One cacheable prefix: its hash, its tokens, and how long it stays cached. */
  record Point(String hash, int tokens, long ttlMillis) {}

  /** What one request read from and wrote to the cache, in tokens. */
  record Use(int read, int write5m, int write1h) {
    static final Use NONE = new Use(0, 0, 0);
  }

  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  PromptCache(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  private long nowMs() {
    return nanoClock.getAsLong() / 1_000_000;
  }

  private boolean cached(Point p, long now) {
    Long until = expiries.get(p.hash());
    return until != null && until > now;
  }

  Use openAi(List<Point> points, int promptTokens) {
    if (promptTokens < OPENAI_MIN_TOKENS || points.isEmpty()) {
      return Use.NONE;
    }
    long now = nowMs();
    int hit = 0;
    for (Point p : points) {
      if (cached(p, now)) {
        hit = Math.max(hit, p.tokens());
      }
      expiries.put(p.hash(), now + p.ttlMillis());
    }
    int read =
        hit < OPENAI_MIN_TOKENS
            ? 0
            : OPENAI_MIN_TOKENS + (hit - OPENAI_MIN_TOKENS) / OPENAI_STEP * OPENAI_STEP;
    return new Use(Math.min(read, promptTokens), 0, 0);
  }

  Use anthropic(List<Point> breakpoints) {
    if (breakpoints.isEmpty()) {
      return Use.NONE;
    }
    long now = nowMs();
    int lastHit = -1;
    for (int i = 0; i < breakpoints.size(); i++) {
      if (cached(breakpoints.get(i), now)) {
        lastHit = i;
      }
    }
    int read = lastHit < 0 ? 0 : breakpoints.get(lastHit).tokens();
    int w5 = 0;
    int w1 = 0;
    int prev = read;
    for (int i = lastHit + 1; i < breakpoints.size(); i++) {
      Point p = breakpoints.get(i);
      int part = Math.max(0, p.tokens() - prev);
      if (p.ttlMillis() > 5 * 60_000L) {
        w1 += part;
      } else {
        w5 += part;
      }
      prev = Math.max(prev, p.tokens());
    }
    for (Point p : breakpoints) {
      expiries.put(p.hash(), now + p.ttlMillis());
    }
    return new Use(read, w5, w1);
  }
}
