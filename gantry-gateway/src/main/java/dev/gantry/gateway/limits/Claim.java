package dev.gantry.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one request reserves, all or nothing.
 *
 * @param owner who claims (the request id), for logs and shared stores
 * @param charges one per counter that applies; all in the same unit
 * @param ttl how long the reservation is held if it is never settled
 */
public record Claim(String owner, List<Charge> charges, Duration ttl) {
  public Claim {
    Objects.requireNonNull(owner, "owner");
    charges = List.copyOf(charges);
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be > 0");
    }
  }
}
