package dev.gantry.store.audit;

/** The outcome of walking the audit chain. */
public sealed interface VerifyResult permits VerifyResult.Intact, VerifyResult.Broken {
  /** Number of records checked. */
  long checked();

  /**
   * Every record from the anchor to the head links to its predecessor and matches its hash.
   *
   * @param checked records walked
   * @param anchorSeq sequence number of the last purged record (0 when nothing was purged)
   * @param headSeq sequence number of the newest record
   * @param headHash hash of the newest record (publish it elsewhere to make rewriting the whole
   *     chain detectable too)
   */
  record Intact(long checked, long anchorSeq, long headSeq, String headHash)
      implements VerifyResult {}

  /**
   * The first place the chain is broken.
   *
   * @param seq sequence number of the first bad record (for a deletion, the first missing one)
   * @param tamper how it is broken
   * @param detail what exactly did not match, for a human
   * @param checked records walked before the break was found
   */
  record Broken(long seq, Tamper tamper, String detail, long checked) implements VerifyResult {}
}
