package dev.gantry.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events synchronously to the subscribers of their type. Shared and thread-safe;
 * subscribers must be fast and non-blocking (hand heavy work to their own executor). A subscriber
 * that throws is logged and does not affect the publisher or other subscribers.
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private record Subscription<E extends GantryEvent>(Class<E> type, Consumer<? super E> handler) {}

  private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

  public <E extends GantryEvent> void subscribe(Class<E> type, Consumer<? super E> handler) {
    subscriptions.add(new Subscription<>(type, handler));
  }

  public void publish(GantryEvent event) {
    for (Subscription<?> s : subscriptions) {
      deliver(s, event);
    }
  }

  private static <E extends GantryEvent> void deliver(Subscription<E> s, GantryEvent event) {
    if (s.type().isInstance(event)) {
      try {
        s.handler().accept(s.type().cast(event));
      } catch (RuntimeException e) {
        LOG.warn("event subscriber failed on {}", event.getClass().getSimpleName(), e);
      }
    }
  }
}
