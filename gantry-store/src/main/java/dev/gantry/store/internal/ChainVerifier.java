package dev.gantry.store.internal;

import dev.gantry.store.audit.Tamper;
import dev.gantry.store.audit.VerifyResult;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Walks audit rows in sequence order from an anchor and classifies the first break. Each record's
 * hash covers its sequence number and its predecessor's hash, so:
 *
 * <ul>
 *   <li>a record whose content no longer matches its hash but which still links to its predecessor
 *       was <b>edited</b> (or, when the next record links past it, <b>inserted</b>);
 *   <li>a record whose predecessor is stored elsewhere in the table was <b>reordered</b>;
 *   <li>a record whose predecessor is stored nowhere follows a <b>deletion</b> when numbers are
 *       missing or it was renumbered, else its predecessor was rewritten (<b>edited</b>) with a
 *       recomputed hash;
 *   <li>a record linking to the one before its predecessor means that predecessor was
 *       <b>inserted</b>;
 *   <li>the stored head (newest sequence number and hash) catches truncation and records added at
 *       the end.
 * </ul>
 *
 * An attacker who rewrites every record from some point on and the head too cannot be caught from
 * inside the database; publishing {@link VerifyResult.Intact#headHash()} elsewhere can.
 */
final class ChainVerifier {
  /** Where the walk starts: the last purged record (or the genesis, seq 0). */
  record Anchor(long seq, String hash) {}

  /** Where the walk must end; a null hash checks only the sequence number. */
  record Head(long seq, String hash) {}

  interface Rows {
    /** The next row in sequence order, or null at the end. */
    ChainRow next() throws SQLException;
  }

  interface Locator {
    /** Sequence number of the stored record with this hash, if any. */
    OptionalLong seqOf(String hash) throws SQLException;
  }

  interface ContentCheck {
    /** What is wrong with a row beyond its hash (commitments, payload), or null. */
    String problem(ChainRow row);
  }

  private ChainVerifier() {}

  static VerifyResult walk(Anchor anchor, Rows rows, Head head, Locator locator, ContentCheck check)
      throws SQLException {
    long checked = 0;
    long expected = anchor.seq() + 1;
    long prevSeq = anchor.seq();
    String prevHash = anchor.hash();
    String prevPrevHash = null;
    ChainRow row = rows.next();
    while (row != null) {
      ChainRow next = rows.next();
      String computed = ChainHash.hash(row.seq(), row.fields(), row.prevHash());
      String problem =
          computed.equals(row.hash())
              ? check.problem(row)
              : "stored hash "
                  + shortHash(row.hash())
                  + " but content hashes to "
                  + shortHash(computed);
      boolean intact = problem == null;
      boolean linked = row.prevHash().equals(prevHash);
      if (row.seq() == expected && intact && linked) {
        checked++;
        prevSeq = row.seq();
        prevPrevHash = prevHash;
        prevHash = row.hash();
        expected++;
        row = next;
        continue;
      }
      VerifyResult.Broken broken =
          classify(
              anchor,
              row,
              next,
              head,
              expected,
              prevSeq,
              prevHash,
              prevPrevHash,
              problem,
              linked,
              locator,
              checked);
      return broken;
    }
    if (head != null) {
      if (head.seq() > prevSeq) {
        return new VerifyResult.Broken(
            prevSeq + 1,
            Tamper.DELETED,
            "the chain ends at "
                + prevSeq
                + " but its head says records up to "
                + head.seq()
                + " were appended",
            checked);
      }
      if (head.seq() < prevSeq) {
        return new VerifyResult.Broken(
            head.seq() + 1,
            Tamper.INSERTED,
            "the chain's head is record "
                + head.seq()
                + " but records up to "
                + prevSeq
                + " follow it",
            checked);
      }
      if (head.hash() != null && !head.hash().equals(prevHash)) {
        return new VerifyResult.Broken(
            prevSeq,
            Tamper.EDITED,
            "record "
                + prevSeq
                + " hashes to "
                + shortHash(prevHash)
                + " but the head recorded "
                + shortHash(head.hash()),
            checked);
      }
    }
    return new VerifyResult.Intact(checked, anchor.seq(), prevSeq, prevHash);
  }

  private static VerifyResult.Broken classify(
      Anchor anchor,
      ChainRow row,
      ChainRow next,
      Head head,
      long expected,
      long prevSeq,
      String prevHash,
      String prevPrevHash,
      String problem,
      boolean linked,
      Locator locator,
      long checked)
      throws SQLException {
    long seq = row.seq();
    if (seq < expected) {
      return new VerifyResult.Broken(
          seq, Tamper.INSERTED, "record " + seq + " sits at or before the anchor", checked);
    }
    if (head != null && head.hash() != null && seq > head.seq()) {
      return new VerifyResult.Broken(
          seq,
          Tamper.INSERTED,
          "record " + seq + " lies beyond the chain's head " + head.seq(),
          checked);
    }
    if (linked) {
      if (seq > expected) {
        return problem == null
            ? new VerifyResult.Broken(
                seq,
                Tamper.INSERTED,
                "record " + seq + " links to record " + prevSeq + " but is numbered " + seq,
                checked)
            : new VerifyResult.Broken(seq, Tamper.EDITED, problem, checked);
      }
      if (next != null && next.prevHash().equals(prevHash)) {
        return new VerifyResult.Broken(
            seq,
            Tamper.INSERTED,
            "record " + next.seq() + " links to record " + prevSeq + ", past record " + seq,
            checked);
      }
      return new VerifyResult.Broken(seq, Tamper.EDITED, problem, checked);
    }
    if (prevPrevHash != null && row.prevHash().equals(prevPrevHash)) {
      return new VerifyResult.Broken(
          prevSeq,
          Tamper.INSERTED,
          "record " + seq + " links to the record before " + prevSeq + ", past it",
          checked);
    }
    OptionalLong at = locator.seqOf(row.prevHash());
    if (at.isPresent()) {
      return new VerifyResult.Broken(
          expected,
          Tamper.REORDERED,
          "record "
              + seq
              + " was chained after record "
              + at.getAsLong()
              + " but is stored after record "
              + prevSeq,
          checked);
    }
    if (seq > expected) {
      return new VerifyResult.Broken(
          expected,
          Tamper.DELETED,
          seq - expected == 1
              ? "record " + expected + " is missing"
              : "records " + expected + ".." + (seq - 1) + " are missing",
          checked);
    }
    if (problem != null) {
      return new VerifyResult.Broken(
          expected,
          Tamper.DELETED,
          "record "
              + seq
              + " was chained after a record that is gone, and renumbered ("
              + problem
              + ")",
          checked);
    }
    if (prevSeq == anchor.seq()) {
      return new VerifyResult.Broken(
          seq,
          Tamper.EDITED,
          "record " + seq + " does not link to the anchor at " + anchor.seq(),
          checked);
    }
    return new VerifyResult.Broken(
        prevSeq,
        Tamper.EDITED,
        "record "
            + seq
            + " was chained after a different version of record "
            + prevSeq
            + " (rewritten with a recomputed hash)",
        checked);
  }

  private static String shortHash(String h) {
    return h == null || h.length() < 12 ? String.valueOf(h) : h.substring(0, 12) + "…";
  }
}
