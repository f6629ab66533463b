package dev.gantry.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The faults of one installed scenario with their per-fault request counters. Every fault that
 * applies to a request advances its counter and rolls its rate with the request's generator, in
 * scenario order; the first that fires wins. Thread-safe; call {@link #decide} in request-arrival
 * order for reproducible runs.
 */
final class FaultPlan {
  private final List<Fault> faults;
  private final long[] seen;

  FaultPlan(List<Fault> faults) {
    this.faults = List.copyOf(faults);
    this.seen = new long[this.faults.size()];
  }

  synchronized FaultDecision decide(String model, boolean stream, RandomGenerator random) {
    FaultDecision decision = FaultDecision.NONE;
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (!fault.appliesTo(model, stream)) {
        continue;
      }
      long index = seen[i]++;
      boolean inWindow = fault.first() <= 0 || index < fault.first();
      boolean fires = random.nextDouble() < fault.rate() && inWindow;
      if (fires && decision instanceof FaultDecision.None) {
        decision = toDecision(fault);
      }
    }
    return decision;
  }

  private static FaultDecision toDecision(Fault fault) {
    return switch (fault.kind()) {
      case STATUS -> new FaultDecision.Status(fault.status(), fault.retryAfterSeconds());
      case HANG -> new FaultDecision.Hang();
      case RESET -> new FaultDecision.Reset(fault.afterChunks());
      case MALFORMED -> new FaultDecision.Malformed();
    };
  }

  @Override
  public String toString() {
    return "FaultPlan" + faults;
  }
}
