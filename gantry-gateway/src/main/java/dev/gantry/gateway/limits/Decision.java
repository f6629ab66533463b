package dev.gantry.gateway.limits;

import java.util.Objects;

/** The answer to a {@link Claim}. */
public sealed interface Decision permits Decision.Admitted, Decision.Refused {

  /** Every charge was reserved; the permit must be settled or released exactly once. */
  record Admitted(Permit permit) implements Decision {
    public Admitted {
      Objects.requireNonNull(permit, "permit");
    }
  }

  /**
   * Nothing was reserved, because {@code charge} would exceed its limit.
   *
   * @param used what the counter held (settled plus reserved) when the claim was refused
   */
  record Refused(Charge charge, long used) implements Decision {
    public Refused {
      Objects.requireNonNull(charge, "charge");
    }
  }
}
