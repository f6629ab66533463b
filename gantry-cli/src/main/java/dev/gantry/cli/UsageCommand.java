package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.cost.UsageReports;
import dev.gantry.store.Store;
import dev.gantry.store.ledger.UsageQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry usage report}. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = "Report spend and tokens from the spend ledger.",
    subcommands = {UsageCommand.Report.class})
final class UsageCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The output formats of a report. */
  enum Format {
    TABLE,
    CSV,
    JSON
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description =
          "Requests, tokens by class and cost, grouped by any of tenant, key, customer, route,"
              + " provider, model, tier, tag, day, month (days in cost.time_zone).")
  static final class Report implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Option(
        names = "--by",
        paramLabel = "DIMS",
        description = "Comma-separated dimensions, e.g. customer,model (none: one total).")
    String by;

    @Option(names = "--from", description = "First day, YYYY-MM-DD (default: this month's first).")
    String from;

    @Option(names = "--to", description = "Day after the last, YYYY-MM-DD (default: tomorrow).")
    String to;

    @Option(names = "--tenant", description = "Only this tenant (default: every tenant).")
    String tenant;

    @Option(names = "--customer", description = "Only this end customer.")
    String customer;

    @Option(
        names = "--format",
        description = "table, csv or json (default: ${DEFAULT-VALUE}).",
        defaultValue = "table")
    Format format;

    @Override
    public Integer call() throws Exception {
      GantryConfig config = where.load();
      try (Store store = where.open()) {
        UsageReports reports =
            new UsageReports(store.ledger(), Clock.systemUTC(), config.cost().timeZone());
        UsageQuery q;
        try {
          q = reports.query(tenant, customer, by, from, to);
        } catch (ApiException e) {
          System.err.println(e.error().message());
          return 2;
        }
        switch (format) {
          case CSV -> System.out.print(reports.csv(q));
          case JSON -> System.out.println(Json.toString(reports.json(q)));
          default -> System.out.print(table(reports.json(q)));
        }
        return 0;
      }
    }

    /** The JSON report as an aligned text table. */
    static String table(ObjectNode report) {
      List<String> columns = new ArrayList<>();
      report.path("group_by").forEach(d -> columns.add(d.asText()));
      columns.addAll(
          List.of(
              "requests",
              "prompt_tokens",
              "cached_tokens",
              "completion_tokens",
              "reasoning_tokens",
              "cost_usd",
              "escalations"));
      List<String[]> rows = new ArrayList<>();
      rows.add(columns.toArray(new String[0]));
      for (JsonNode r : report.path("data")) {
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
          JsonNode v = r.get(columns.get(i));
          cells[i] = v == null || v.isNull() ? "-" : v.asText();
        }
        rows.add(cells);
      }
      int[] widths = new int[columns.size()];
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          widths[i] = Math.max(widths[i], r[i].length());
        }
      }
      StringBuilder b = new StringBuilder();
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          b.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", r[i]));
        }
        b.append(System.lineSeparator());
      }
      JsonNode total = report.path("total");
      if (!total.isMissingNode()) {
        b.append("total: ")
            .append(total.path("requests").asText())
            .append(" requests, USD ")
            .append(total.path("cost_usd").asText())
            .append(System.lineSeparator());
      }
      return b.toString();
    }
  }
}
