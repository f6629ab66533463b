package dev.gantry.store.internal;

import dev.gantry.store.ledger.SpendEntry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** The {@code spend_ledger} row layout: the insert statement and its binding. Stateless. */
final class SpendRows {
  private SpendRows() {}

  static final String INSERT =
      "INSERT INTO spend_ledger (ts, day, request_id, tenant, key_id, customer, route, provider,"
          + " model, tier, tags, status, prompt_tokens, cached_tokens, cache_write_tokens,"
          + " completion_tokens, reasoning_tokens, cost_micros, cost_status, escalated, cache_hit,"
          + " attempts, tokens_saved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?)";

  static void bind(PreparedStatement ps, SpendEntry e) throws SQLException {
    int i = 1;
    ps.setLong(i++, e.time().toEpochMilli());
    ps.setString(i++, e.day().toString());
    ps.setString(i++, e.requestId());
    ps.setString(i++, e.tenant());
    text(ps, i++, e.keyId());
    text(ps, i++, e.customer());
    text(ps, i++, e.route());
    text(ps, i++, e.provider());
    text(ps, i++, e.model());
    text(ps, i++, e.tier());
    text(ps, i++, e.tags().isEmpty() ? null : "," + String.join(",", e.tags()) + ",");
    ps.setInt(i++, e.status());
    ps.setLong(i++, e.promptTokens());
    ps.setLong(i++, e.cachedTokens());
    ps.setLong(i++, e.cacheWriteTokens());
    ps.setLong(i++, e.completionTokens());
    ps.setLong(i++, e.reasoningTokens());
    ps.setLong(i++, e.costMicros());
    ps.setString(i++, e.costStatus());
    ps.setInt(i++, e.escalated() ? 1 : 0);
    ps.setInt(i++, e.cacheHit() ? 1 : 0);
    ps.setInt(i++, e.attempts());
    ps.setLong(i, e.tokensSaved());
  }

  private static void text(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
