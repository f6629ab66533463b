package dev.gantry.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file from a thread and connection of its own,
 * every {@link #PERIOD_MS} ms, with a {@code PASSIVE} checkpoint (it never blocks the writer or
 * readers and does what it can). The checkpoint's fsyncs thus never hold the writer's lock while a
 * commit that an answer waits for is pending; durability is unchanged, since a commit is durable
 * once it is in the WAL (and synced, with {@code sync: full}). The writer keeps a large automatic
 * checkpoint as a backstop ({@link Db#WRITER_AUTOCHECKPOINT_PAGES}).
 *
 * <p>The period is short because the checkpoint's writes and fsync still share the disk with the
 * writer's WAL fsync: a commit that waits behind a large checkpoint's fsync is the durable
 * configuration's latency tail. At 1,000 requests/s a 500 ms period gave checkpoints of 11 ms at
 * the median and 50 ms at worst and a request p99 of ~20 ms; 100 ms gave 5 / 22 ms and ~13.5 ms
 * (see {@code bench/RESULTS.md}).
 */
final class Checkpointer implements AutoCloseable {
  static final long PERIOD_MS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection connection;
  private final ScheduledExecutorService thread;
  private boolean warned;

  private Checkpointer(Connection connection) {
    this.connection = connection;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gantry-store-checkpoint");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens a connection of {@code source} (the writer's settings) and starts checkpointing. */
  static Checkpointer start(DataSource source) {
    Connection c;
    try {
      c = source.getConnection();
    } catch (SQLException e) {
      LOG.warn("no WAL checkpointer ({}); the writer checkpoints on its own", e.getMessage());
      return null;
    }
    Checkpointer cp = new Checkpointer(c);
    cp.thread.scheduleWithFixedDelay(cp::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return cp;
  }

  /** True for a SQLite database held in memory, which has no WAL to checkpoint. */
  static boolean inMemory(String url) {
    return url.contains(":memory:") || url.contains("mode=memory");
  }

  private void checkpoint() {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(PASSIVE)");
      warned = false;
    } catch (SQLException e) {
      if (!warned) {
        LOG.warn("WAL checkpoint failed: {}", e.getMessage());
        warned = true;
      }
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing the checkpointer's connection: {}", e.getMessage());
    }
  }
}
