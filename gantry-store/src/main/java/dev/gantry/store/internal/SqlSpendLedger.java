package dev.gantry.store.internal;

import dev.gantry.store.ledger.Dimension;
import dev.gantry.store.ledger.SpendEntry;
import dev.gantry.store.ledger.SpendLedger;
import dev.gantry.store.ledger.SpendQuery;
import dev.gantry.store.ledger.UsageQuery;
import dev.gantry.store.ledger.UsageRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link SpendLedger} over the {@code spend_ledger} table. Thread-safe. */
public final class SqlSpendLedger implements SpendLedger {
  private static final String SUMS =
      "COUNT(*), SUM(prompt_tokens), SUM(cached_tokens), SUM(cache_write_tokens),"
          + " SUM(completion_tokens), SUM(reasoning_tokens), SUM(cost_micros),"
          + " SUM(CASE WHEN cost_status = 'estimated' THEN 1 ELSE 0 END),"
          + " SUM(CASE WHEN cost_status = 'unknown' THEN 1 ELSE 0 END),"
          + " SUM(escalated), SUM(cache_hit), SUM(tokens_saved)";

  private final Db db;
  private final GroupCommitWriter writer;

  SqlSpendLedger(Db db, GroupCommitWriter writer) {
    this.db = db;
    this.writer = writer;
  }

  @Override
  public CompletableFuture<Long> append(SpendEntry entry) {
    return writer.submit(null, entry);
  }

  @Override
  public long spent(SpendQuery q) {
    StringBuilder sql =
        new StringBuilder("SELECT COALESCE(SUM(cost_micros), 0) FROM spend_ledger WHERE ");
    List<String> args = new ArrayList<>();
    switch (q.scope()) {
      case TENANT -> {
        sql.append("tenant = ?");
        args.add(q.subject());
      }
      case KEY -> {
        sql.append("key_id = ?");
        args.add(q.subject());
        if (q.tenant() != null) {
          sql.append(" AND tenant = ?");
          args.add(q.tenant());
        }
      }
      case CUSTOMER -> {
        sql.append("tenant = ? AND customer = ?");
        args.add(q.tenant());
        args.add(q.subject());
      }
      default -> {
        sql.append("tenant = ? AND tags LIKE ? ESCAPE '!'");
        args.add(q.tenant());
        args.add("%," + like(q.subject()) + ",%");
      }
    }
    sql.append(" AND ts >= ? AND ts < ?");
    return db.read(
        "summing spend",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String a : args) {
              ps.setString(i++, a);
            }
            ps.setLong(i++, q.from().toEpochMilli());
            ps.setLong(i, q.to().toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static String like(String v) {
    return v.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  @Override
  public List<UsageRow> usage(UsageQuery q) {
    List<Dimension> dims = q.groupBy();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Dimension d : dims) {
      sql.append(sqlOf(d)).append(", ");
    }
    sql.append(SUMS).append(" FROM spend_ledger WHERE day >= ? AND day < ?");
    if (q.tenant() != null) {
      sql.append(" AND tenant = ?");
    }
    if (q.customer() != null) {
      sql.append(" AND customer = ?");
    }
    if (!dims.isEmpty()) {
      sql.append(" GROUP BY ");
      for (int i = 1; i <= dims.size(); i++) {
        sql.append(i > 1 ? ", " : "").append(i);
      }
    }
    List<UsageRow> raw =
        db.read(
            "reading usage",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, q.fromDay().toString());
                ps.setString(i++, q.toDay().toString());
                if (q.tenant() != null) {
                  ps.setString(i++, q.tenant());
                }
                if (q.customer() != null) {
                  ps.setString(i, q.customer());
                }
                List<UsageRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    Map<Dimension, String> group = new EnumMap<>(Dimension.class);
                    int col = 1;
                    for (Dimension d : dims) {
                      group.put(d, rs.getString(col++));
                    }
                    if (rs.getLong(col) == 0) {
                      continue; // no rows at all (an ungrouped query over an empty range)
                    }
                    long[] v = new long[12];
                    for (int k = 0; k < v.length; k++) {
                      v[k] = rs.getLong(col + k);
                    }
                    out.add(
                        new UsageRow(
                            group, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                            v[10], v[11]));
                  }
                }
                return out;
              }
            });
    return sorted(dims.contains(Dimension.TAG) ? perTag(raw) : raw, dims);
  }

  private static String sqlOf(Dimension d) {
    return switch (d) {
      case TENANT -> "tenant";
      case KEY -> "key_id";
      case CUSTOMER -> "customer";
      case ROUTE -> "route";
      case PROVIDER -> "provider";
      case MODEL -> "model";
      case TIER -> "tier";
      case TAG -> "tags";
      case DAY -> "day";
      case MONTH -> "substr(day, 1, 7)";
    };
  }

  /** Splits the rows grouped by tag combination into one row per single tag. */
  private static List<UsageRow> perTag(List<UsageRow> rows) {
    Map<Map<Dimension, String>, UsageRow> out = new LinkedHashMap<>();
    for (UsageRow r : rows) {
      String tags = r.group().get(Dimension.TAG);
      List<String> each = new ArrayList<>();
      if (tags == null || tags.length() < 2) {
        each.add(null);
      } else {
        for (String t : tags.substring(1, tags.length() - 1).split(",")) {
          each.add(t);
        }
      }
      for (String t : each) {
        Map<Dimension, String> group = new EnumMap<>(r.group());
        group.put(Dimension.TAG, t);
        UsageRow one =
            new UsageRow(
                group,
                r.requests(),
                r.promptTokens(),
                r.cachedTokens(),
                r.cacheWriteTokens(),
                r.completionTokens(),
                r.reasoningTokens(),
                r.costMicros(),
                r.estimated(),
                r.unknown(),
                r.escalations(),
                r.cacheHits(),
                r.tokensSaved());
        out.merge(group, one, UsageRow::plus);
      }
    }
    return new ArrayList<>(out.values());
  }

  private static List<UsageRow> sorted(List<UsageRow> rows, List<Dimension> dims) {
    Comparator<UsageRow> order = (a, b) -> 0;
    for (Dimension d : dims) {
      order =
          order.thenComparing(
              r -> r.group().get(d), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    List<UsageRow> out = new ArrayList<>(rows);
    out.sort(order);
    return out;
  }
}
