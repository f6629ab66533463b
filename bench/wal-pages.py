#!/usr/bin/env python3
"""Pages a commit of the store's writer adds to SQLite's write-ahead log.

Usage: python3 bench/wal-pages.py GANTRY_DB [BATCH ...]

GANTRY_DB is a gantry.db that already holds audit records and spend-ledger rows (for example the
data directory of a `bench/overhead.sh` run with examples/production-sim.yaml). The file is copied
to a temporary directory; on the copy, 50 transactions each append BATCH audit records (copies of
the newest one with a new sequence number, time and random 64-digit hash, as the writer appends
them) and BATCH spend-ledger rows, and move the chain head. The WAL's growth per transaction,
in 4 KB pages, is what one group commit of that many requests writes (and later checkpoints).
Prints one line per BATCH [1 13].
"""

import os
import shutil
import sqlite3
import sys
import tempfile

FRAME = 4096 + 24  # a WAL frame: one 4 KB page and its header
TRANSACTIONS = 50


def pages_per_commit(source, batch):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "gantry.db")
        shutil.copy(source, db)
        c = sqlite3.connect(db, isolation_level=None)
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA wal_autocheckpoint=0")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        audit_cols = [r[1] for r in c.execute("PRAGMA table_info(audit_log)")]
        audit = list(c.execute("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone())
        ledger = list(c.execute("SELECT * FROM spend_ledger ORDER BY id DESC LIMIT 1").fetchone())
        seq, ts, lid = audit[0], audit[audit_cols.index("ts")], ledger[0]
        insert_audit = "INSERT INTO audit_log VALUES (%s)" % ",".join("?" * len(audit))
        insert_ledger = "INSERT INTO spend_ledger VALUES (%s)" % ",".join("?" * len(ledger))
        wal = db + "-wal"
        frames = 0
        for _ in range(TRANSACTIONS):
            before = os.path.getsize(wal) if os.path.exists(wal) else 0
            c.execute("BEGIN IMMEDIATE")
            for _ in range(batch):
                seq, ts, lid = seq + 1, ts + 1, lid + 1
                row = list(audit)
                row[0] = seq
                row[audit_cols.index("ts")] = ts
                row[audit_cols.index("hash")] = os.urandom(32).hex()
                row[audit_cols.index("request_id")] = "req-%d" % seq
                c.execute(insert_audit, row)
                spend = list(ledger)
                spend[0], spend[1], spend[3] = lid, ts, "req-%d" % seq
                c.execute(insert_ledger, spend)
            c.execute("UPDATE audit_head SET seq = ? WHERE id = 1", (seq,))
            c.execute("COMMIT")
            frames += (os.path.getsize(wal) - before) / FRAME
        c.close()
        return frames / TRANSACTIONS


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    batches = [int(b) for b in sys.argv[2:]] or [1, 13]
    for b in batches:
        p = pages_per_commit(sys.argv[1], b)
        print("batch %3d: %5.1f WAL pages per commit, %5.2f per request" % (b, p, p / b))


if __name__ == "__main__":
    main()
