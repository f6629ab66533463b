package dev.gantry.store.audit;

/** An operation that must not hide tampering (purge) found the chain broken and did nothing. */
public final class AuditChainBrokenException extends RuntimeException {
  private final VerifyResult.Broken broken;

  public AuditChainBrokenException(VerifyResult.Broken broken) {
    super(
        "audit chain broken at seq "
            + broken.seq()
            + " ("
            + broken.tamper()
            + "): "
            + broken.detail());
    this.broken = broken;
  }

  public VerifyResult.Broken broken() {
    return broken;
  }
}
