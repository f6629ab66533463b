package dev.gantry.ml;

import dev.gantry.core.config.RouteCache;
import java.util.List;

/** The in-process encoders a route's response cache may name ({@link RouteCache#ENCODERS}). */
public final class CacheEncoders {
  private CacheEncoders() {}

  /**
   * A new encoder of that name, keeping up to {@code cacheEntries} recent texts per model; for
   * tools and tests (the gateway shares one instance of each model).
   *
   * @throws IllegalArgumentException for a name that is not one of {@link RouteCache#ENCODERS}
   */
  public static Embedder open(String name, long cacheEntries) {
    return switch (name) {
      case RouteCache.MINILM -> new MiniLmEmbedder(cacheEntries);
      case RouteCache.E5_SMALL -> new E5SmallEmbedder(cacheEntries);
      case RouteCache.MINILM_E5 ->
          new EnsembleEmbedder(
              List.of(new MiniLmEmbedder(cacheEntries), new E5SmallEmbedder(cacheEntries)));
      default ->
          throw new IllegalArgumentException(
              "'" + name + "' is not one of " + String.join(", ", RouteCache.ENCODERS));
    };
  }
}
