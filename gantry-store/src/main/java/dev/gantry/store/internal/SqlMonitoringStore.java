package dev.gantry.store.internal;

import dev.gantry.store.monitoring.EvalRunRecord;
import dev.gantry.store.monitoring.FeedbackRecord;
import dev.gantry.store.monitoring.FeedbackSummary;
import dev.gantry.store.monitoring.MonitoringStore;
import dev.gantry.store.monitoring.RollupRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link MonitoringStore} on the store's database. Thread-safe. */
public final class SqlMonitoringStore implements MonitoringStore {
  private final Db db;

  public SqlMonitoringStore(Db db) {
    this.db = db;
  }

  @Override
  public void saveRollups(List<RollupRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    db.write(
        "saving rollups",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO rollups (resolution, start, tenant, route, data)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (resolution, start, tenant, route)"
                      + " DO UPDATE SET data = excluded.data")) {
            for (RollupRow r : rows) {
              s.setString(1, r.hourly() ? "h" : "m");
              s.setLong(2, r.start());
              s.setString(3, r.tenant());
              s.setString(4, r.route());
              s.setString(5, r.data());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<RollupRow> loadRollups(boolean hourly, long fromMinute) {
    return db.read(
        "reading rollups",
        c -> {
          List<RollupRow> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT start, tenant, route, data FROM rollups WHERE resolution = ?"
                      + " AND start >= ? ORDER BY start")) {
            s.setString(1, hourly ? "h" : "m");
            s.setLong(2, fromMinute);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new RollupRow(
                        hourly, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public long purgeRollups(boolean hourly, long beforeMinute) {
    return db.write(
        "purging rollups",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM rollups WHERE resolution = ? AND start < ?")) {
            s.setString(1, hourly ? "h" : "m");
            s.setLong(2, beforeMinute);
            return (long) s.executeUpdate();
          }
        });
  }

  @Override
  public void addFeedback(FeedbackRecord r) {
    db.write(
        "storing feedback",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO feedback (time, request_id, tenant, key_id, customer, route, model,"
                      + " kind, raw, score, comment, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?)")) {
            s.setLong(1, r.time().toEpochMilli());
            s.setString(2, r.requestId());
            s.setString(3, r.tenant());
            s.setString(4, r.keyId());
            s.setString(5, r.customer());
            s.setString(6, r.route());
            s.setString(7, r.model());
            s.setString(8, r.kind());
            s.setInt(9, r.raw());
            s.setDouble(10, r.score());
            s.setString(11, r.comment());
            s.setString(12, String.join("\n", r.tags()));
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<FeedbackSummary> feedbackSummary(String tenant, Instant from) {
    return db.read(
        "summarising feedback",
        c -> {
          List<FeedbackSummary> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT route, model, COUNT(*), AVG(score) FROM feedback WHERE time >= ?"
                      + (tenant == null ? "" : " AND tenant = ?")
                      + " GROUP BY route, model ORDER BY route, model")) {
            s.setLong(1, from.toEpochMilli());
            if (tenant != null) {
              s.setString(2, tenant);
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new FeedbackSummary(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void addEvalRun(EvalRunRecord r) {
    db.write(
        "storing an eval run",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO eval_runs (name, route, time, cases, pass_rate, passed, summary,"
                      + " report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.name());
            s.setString(2, r.route());
            s.setLong(3, r.time().toEpochMilli());
            s.setInt(4, r.cases());
            s.setDouble(5, r.passRate());
            s.setInt(6, r.passed() ? 1 : 0);
            s.setString(7, r.summary());
            s.setString(8, r.report());
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<EvalRunRecord> evalRuns(String name, int limit) {
    return runs(name, limit, false);
  }

  @Override
  public Optional<EvalRunRecord> lastEvalRun(String name) {
    return runs(name, 1, true).stream().findFirst();
  }

  private List<EvalRunRecord> runs(String name, int limit, boolean withReport) {
    return db.read(
        "reading eval runs",
        c -> {
          List<EvalRunRecord> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT name, route, time, cases, pass_rate, passed, summary"
                      + (withReport ? ", report" : "")
                      + " FROM eval_runs"
                      + (name == null ? "" : " WHERE name = ?")
                      + " ORDER BY time DESC, id DESC LIMIT ?")) {
            int i = 1;
            if (name != null) {
              s.setString(i++, name);
            }
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new EvalRunRecord(
                        rs.getString(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getInt(4),
                        rs.getDouble(5),
                        rs.getInt(6) != 0,
                        rs.getString(7),
                        withReport ? rs.getString(8) : null));
              }
            }
          }
          return out;
        });
  }
}
