package dev.gantry.store.internal;

import dev.gantry.store.Dialect;
import dev.gantry.store.StoreException;
import dev.gantry.store.audit.AuditRejectedException;
import dev.gantry.store.audit.WriterStats;
import dev.gantry.store.ledger.SpendEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's single writer for the audit log and the spend ledger. Appenders put rows on a bounded
 * queue; one thread takes whatever is waiting (up to {@code maxBatch}), chains it onto the stored
 * head in one transaction (locking the head so other store instances on the same database serialise
 * with it), commits, and only then completes the rows' futures. A request's ledger row may ride
 * with its audit record, in the same transaction. While one batch commits, the next accumulates:
 * under load the cost of a commit (an fsync) is shared by many records, and with one appender each
 * record is committed at once. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** An audit row, a ledger row, or both (committed in the same transaction). */
  private record Pending(PreparedRow row, SpendEntry spend, CompletableFuture<Long> future) {}

  private final Db db;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final ReadWriteLock gate = new ReentrantReadWriteLock();
  private final Thread thread;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile int largestBatch;
  private volatile boolean closed;

  /** SQLite only: the writer's statements, prepared once on its one connection (writer thread). */
  private Prepared prepared;

  /**
   * The four statements of an append, prepared on the physical connection they belong to. SQLite
   * has one writer connection, so preparing them once instead of per batch saves parsing four
   * statements per commit; when the pool replaces that connection they are prepared again.
   */
  private record Prepared(
      Connection raw,
      PreparedStatement head,
      PreparedStatement audit,
      PreparedStatement ledger,
      PreparedStatement moveHead) {
    static Prepared on(Connection raw, String selectHead) throws SQLException {
      return new Prepared(
          raw,
          raw.prepareStatement(selectHead),
          raw.prepareStatement(AuditRows.INSERT),
          raw.prepareStatement(SpendRows.INSERT),
          raw.prepareStatement(MOVE_HEAD));
    }

    void closeQuietly() {
      for (PreparedStatement ps : new PreparedStatement[] {head, audit, ledger, moveHead}) {
        try {
          ps.close();
        } catch (SQLException e) {
          // the connection they belonged to is gone
        }
      }
    }
  }

  private static final String MOVE_HEAD = "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1";

  GroupCommitWriter(Db db, int capacity, int maxBatch) {
    this.db = db;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "gantry-audit-writer");
    thread.setDaemon(true);
    thread.start();
  }

  CompletableFuture<Long> submit(PreparedRow row) {
    return submit(row, null);
  }

  /**
   * Queues an audit row and/or a spend-ledger row; both commit in the same transaction. The future
   * completes with the audit record's sequence number (0 for a ledger row alone).
   */
  CompletableFuture<Long> submit(PreparedRow row, SpendEntry spend) {
    gate.readLock().lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(
            new AuditRejectedException(
                AuditRejectedException.Reason.CLOSED, "the audit log is closed"));
      }
      Pending p = new Pending(row, spend, new CompletableFuture<>());
      if (!queue.offer(p)) {
        rejected.incrementAndGet();
        return CompletableFuture.failedFuture(
            new AuditRejectedException(
                AuditRejectedException.Reason.QUEUE_FULL,
                "the audit queue is full ("
                    + queue.size()
                    + " records wait for the database); retry later"));
      }
      return p.future();
    } finally {
      gate.readLock().unlock();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (true) {
      Pending first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // only close() ends this thread, after the queue is drained
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      commit(batch);
      batch.clear();
    }
  }

  private void commit(List<Pending> batch) {
    long[] seqs;
    try {
      seqs = db.write("appending audit records", c -> append(c, batch));
    } catch (RuntimeException e) {
      if (prepared != null) {
        // prepared again for the next batch: a failed batch may leave them mid-statement
        prepared.closeQuietly();
        prepared = null;
      }
      failed.addAndGet(batch.size());
      for (Pending p : batch) {
        p.future().completeExceptionally(e);
      }
      return;
    }
    committed.addAndGet(batch.size());
    batches.incrementAndGet();
    if (batch.size() > largestBatch) {
      largestBatch = batch.size();
    }
    for (int i = 0; i < seqs.length; i++) {
      batch.get(i).future().complete(seqs[i]);
    }
  }

  private long[] append(Connection c, List<Pending> batch) throws SQLException {
    if (db.dialect() == Dialect.POSTGRESQL) {
      // A completed future promises a durable record, whatever the server's default.
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL synchronous_commit = on");
      }
      try (PreparedStatement head = c.prepareStatement(db.selectHeadForUpdate());
          PreparedStatement audit = c.prepareStatement(AuditRows.INSERT);
          PreparedStatement ledger = c.prepareStatement(SpendRows.INSERT);
          PreparedStatement moveHead = c.prepareStatement(MOVE_HEAD)) {
        return append(batch, head, audit, ledger, moveHead);
      }
    }
    Connection raw = c.unwrap(Connection.class);
    if (prepared == null || prepared.raw() != raw) {
      if (prepared != null) {
        prepared.closeQuietly();
        prepared = null;
      }
      prepared = Prepared.on(raw, db.selectHeadForUpdate());
    }
    Prepared p = prepared;
    return append(batch, p.head(), p.audit(), p.ledger(), p.moveHead());
  }

  private static long[] append(
      List<Pending> batch,
      PreparedStatement head,
      PreparedStatement audit,
      PreparedStatement ledger,
      PreparedStatement moveHead)
      throws SQLException {
    long[] seqs = new long[batch.size()];
    boolean anyAudit = false;
    boolean anyLedger = false;
    for (Pending p : batch) {
      anyAudit |= p.row() != null;
      anyLedger |= p.spend() != null;
    }
    if (anyAudit) {
      chain(batch, seqs, head, audit, moveHead);
    }
    if (anyLedger) {
      for (Pending p : batch) {
        if (p.spend() != null) {
          SpendRows.bind(ledger, p.spend());
          ledger.addBatch();
        }
      }
      ledger.executeBatch();
    }
    return seqs;
  }

  /** Chains the batch's audit rows onto the stored head; fills in their sequence numbers. */
  private static void chain(
      List<Pending> batch,
      long[] seqs,
      PreparedStatement head,
      PreparedStatement insert,
      PreparedStatement moveHead)
      throws SQLException {
    long seq;
    String prev;
    try (ResultSet rs = head.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_head has no row");
      }
      seq = rs.getLong(1);
      prev = rs.getString(2);
    }
    for (int i = 0; i < batch.size(); i++) {
      PreparedRow row = batch.get(i).row();
      if (row == null) {
        continue;
      }
      seq++;
      String hash = ChainHash.hash(seq, row.fields(), prev);
      AuditRows.bind(insert, seq, row, prev, hash);
      insert.addBatch();
      seqs[i] = seq;
      prev = hash;
    }
    insert.executeBatch();
    moveHead.setLong(1, seq);
    moveHead.setString(2, prev);
    moveHead.executeUpdate();
  }

  WriterStats stats() {
    return new WriterStats(
        committed.get(), batches.get(), largestBatch, failed.get(), rejected.get(), queue.size());
  }

  /** Refuses new records, commits those already queued, and stops the thread. */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      closed = true;
    } finally {
      gate.writeLock().unlock();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.future()
          .completeExceptionally(
              new StoreException("the audit log closed before this record was committed", null));
    }
  }
}
