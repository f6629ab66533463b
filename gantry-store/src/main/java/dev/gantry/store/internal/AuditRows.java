package dev.gantry.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Column lists and JDBC binding of {@code audit_log} rows, identical for both dialects. */
final class AuditRows {
  static final String COLUMNS =
      "seq, kind, ts, tenant, request_id, key_id, customer, commit_salt, customer_commit, route,"
          + " deployment, status, verdicts, prompt_tokens, completion_tokens, cost_micros,"
          + " latency_ms, payload, payload_key_id, payload_commit, actor_key_id, action,"
          + " object_type, object_id, before_json, after_json, prev_hash, hash, trace_id";
  static final String SELECT = "SELECT " + COLUMNS + ", erased_at FROM audit_log";
  static final String INSERT =
      "INSERT INTO audit_log ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?)";

  private AuditRows() {}

  static void bind(PreparedStatement ps, long seq, PreparedRow r, String prevHash, String hash)
      throws SQLException {
    ChainFields f = r.fields();
    ps.setLong(1, seq);
    ps.setString(2, f.kind());
    ps.setLong(3, f.ts());
    ps.setString(4, f.tenant());
    ps.setString(5, f.requestId());
    ps.setString(6, f.keyId());
    ps.setString(7, r.customer());
    bytes(ps, 8, r.salt());
    ps.setString(9, f.customerCommit());
    ps.setString(10, f.route());
    ps.setString(11, f.deployment());
    if (f.status() == null) {
      ps.setNull(12, Types.INTEGER);
    } else {
      ps.setInt(12, f.status());
    }
    ps.setString(13, f.verdicts());
    longs(ps, 14, f.promptTokens());
    longs(ps, 15, f.completionTokens());
    longs(ps, 16, f.costMicros());
    longs(ps, 17, f.latencyMs());
    bytes(ps, 18, r.payload());
    ps.setString(19, r.payloadKeyId());
    ps.setString(20, f.payloadCommit());
    ps.setString(21, f.actorKeyId());
    ps.setString(22, f.action());
    ps.setString(23, f.objectType());
    ps.setString(24, f.objectId());
    ps.setString(25, f.beforeJson());
    ps.setString(26, f.afterJson());
    ps.setString(27, prevHash);
    ps.setString(28, hash);
    ps.setString(29, f.traceId());
  }

  /** Reads a row selected with {@link #SELECT}. */
  static ChainRow read(ResultSet rs) throws SQLException {
    Integer status = rs.getInt("status");
    if (rs.wasNull()) {
      status = null;
    }
    ChainFields f =
        new ChainFields(
            rs.getString("kind"),
            rs.getLong("ts"),
            rs.getString("tenant"),
            rs.getString("request_id"),
            rs.getString("key_id"),
            rs.getString("customer_commit"),
            rs.getString("route"),
            rs.getString("deployment"),
            status,
            rs.getString("verdicts"),
            nullableLong(rs, "prompt_tokens"),
            nullableLong(rs, "completion_tokens"),
            nullableLong(rs, "cost_micros"),
            nullableLong(rs, "latency_ms"),
            rs.getString("payload_commit"),
            rs.getString("actor_key_id"),
            rs.getString("action"),
            rs.getString("object_type"),
            rs.getString("object_id"),
            rs.getString("before_json"),
            rs.getString("after_json"),
            rs.getString("trace_id"));
    return new ChainRow(
        rs.getLong("seq"),
        f,
        rs.getString("prev_hash"),
        rs.getString("hash"),
        rs.getString("customer"),
        rs.getBytes("commit_salt"),
        rs.getBytes("payload"),
        rs.getString("payload_key_id"),
        nullableLong(rs, "erased_at"));
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static void longs(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void bytes(PreparedStatement ps, int i, byte[] v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BINARY);
    } else {
      ps.setBytes(i, v);
    }
  }
}
