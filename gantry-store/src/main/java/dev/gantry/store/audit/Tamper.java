package dev.gantry.store.audit;

/** How the audit chain was found broken. */
public enum Tamper {
  /** A record's content no longer matches its hash, or was rewritten with a recomputed hash. */
  EDITED,
  /** Records are missing: a gap in the sequence, or a record whose predecessor is gone. */
  DELETED,
  /** A record that the chain never linked in is present. */
  INSERTED,
  /** Records are present but in another order than the one they were chained in. */
  REORDERED
}
