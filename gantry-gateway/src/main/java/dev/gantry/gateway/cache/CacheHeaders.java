package dev.gantry.gateway.cache;

import dev.gantry.core.pipeline.CacheOutcome;
import dev.gantry.core.pipeline.Exchange;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The cache's headers. On the response: {@code x-gantry-cache: hit | semantic-hit | miss | bypass}
 * (only on routes with a cache) and {@code x-gantry-cache-similarity} (four decimals) when a
 * semantic comparison was made. On the request: {@code Cache-Control: no-cache} (or {@code
 * no-store}) or {@code x-gantry-cache: bypass} skips the cache. Stateless.
 */
public final class CacheHeaders {
  private CacheHeaders() {}

  /** Writes the response headers through {@code put(name, value)}. */
  public static void write(Exchange exchange, BiConsumer<String, String> put) {
    CacheOutcome outcome = exchange.cache();
    if (outcome == null) {
      return;
    }
    put.accept("x-gantry-cache", outcome.status().header());
    if (!Double.isNaN(outcome.similarity())) {
      put.accept(
          "x-gantry-cache-similarity", String.format(Locale.ROOT, "%.4f", outcome.similarity()));
    }
  }

  /** True when the client's request headers ask to skip the cache. */
  public static boolean bypass(String cacheControl, String gantryCache) {
    if (gantryCache != null && gantryCache.strip().equalsIgnoreCase("bypass")) {
      return true;
    }
    if (cacheControl == null) {
      return false;
    }
    for (String part : cacheControl.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.equals("no-cache") || p.equals("no-store")) {
        return true;
      }
    }
    return false;
  }
}
