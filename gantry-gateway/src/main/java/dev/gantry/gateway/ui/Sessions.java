package dev.gantry.gateway.ui;

import dev.gantry.core.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions in memory: a random 256-bit id per login, held in an HttpOnly cookie, with its
 * principal, a CSRF token for the forms and an expiry on the injected clock. A gateway restart ends
 * every session. Thread-safe.
 */
final class Sessions {
  static final int MAX = 10_000;

  /** One login. */
  record Session(String id, Principal principal, String csrf, Instant expires) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;

  Sessions(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  Session open(Principal principal) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX) {
      sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    }
    Session s = new Session(token(), principal, token(), now.plus(ttl));
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this id, or null (an expired one is dropped). */
  Session get(String id) {
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    if (s != null && !clock.instant().isBefore(s.expires())) {
      sessions.remove(id);
      return null;
    }
    return s;
  }

  void close(String id) {
    sessions.remove(id);
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
