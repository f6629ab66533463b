package dev.gantry.gateway.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import java.time.Duration;

/**
 * Who made each recent request and where it went, so feedback can be linked to it and checked
 * against the rater's tenant: the last {@value #SIZE} requests of the last day, in memory. Fed by
 * {@link RequestCompleted}. Shared and thread-safe.
 */
public final class RecentRequests {
  static final int SIZE = 100_000;

  /** What is known about a recent request. */
  public record Info(String tenant, String customer, String route, String model) {}

  // the cache's upkeep runs on the writing thread: handed to the common pool, it woke a thread
  // for nearly every request
  private final Cache<String, Info> requests =
      Caffeine.newBuilder()
          .executor(Runnable::run)
          .maximumSize(SIZE)
          .expireAfterWrite(Duration.ofDays(1))
          .build();

  public void attach(EventBus events) {
    events.subscribe(
        RequestCompleted.class,
        e -> {
          if (e.tenant() != null) {
            requests.put(e.requestId(), new Info(e.tenant(), e.customer(), e.route(), e.model()));
          }
        });
  }

  /** The request, or null when it is unknown or too old. */
  public Info get(String requestId) {
    return requests.getIfPresent(requestId);
  }
}
