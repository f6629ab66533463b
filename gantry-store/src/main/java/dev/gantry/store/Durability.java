package dev.gantry.store;

/**
 * How hard a SQLite commit is pushed to disk (PostgreSQL uses its own {@code synchronous_commit},
 * on by default). Both settings run the database in WAL mode, so a commit that has returned
 * survives the process being killed ({@code SIGKILL}, OOM kill): the WAL is in the operating
 * system's page cache and SQLite replays it on the next open.
 */
public enum Durability {
  /**
   * {@code synchronous=FULL}: every commit waits for {@code fsync} of the WAL, so it also survives
   * power loss or a kernel crash. Group commit amortises the {@code fsync} over a whole batch.
   */
  FULL,
  /**
   * {@code synchronous=NORMAL}: the WAL is synced only at checkpoints. A committed transaction
   * survives a process crash but the last commits may be lost on power loss (the database stays
   * consistent).
   */
  NORMAL
}
