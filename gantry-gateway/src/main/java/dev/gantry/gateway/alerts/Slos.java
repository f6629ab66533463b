package dev.gantry.gateway.alerts;

import dev.gantry.core.config.MonitoringConfig.Severity;
import dev.gantry.core.config.MonitoringConfig.Slo;
import dev.gantry.gateway.metrics.Bucket;
import dev.gantry.gateway.metrics.Rollups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Service-level objectives and their multi-window, multi-burn-rate alerts in the scheme of Google's
 * SRE workbook ("Alerting on SLOs"): an alert fires when the error budget burns at least {@code
 * burn} times faster than the SLO allows over both a long window and a short one (the short window
 * makes it resolve soon after the burn stops). Two pairs page, two open a ticket: 1 h/5 min at
 * 14.4× (2% of a 30-day budget spent), 6 h/30 min at 6× (5%), 1 d/2 h at 3× (10%), 3 d/6 h at 1×
 * (10%). Stateless.
 */
public final class Slos {
  /** One long/short window pair with its burn-rate factor. */
  public record BurnWindow(Duration longWindow, Duration shortWindow, double burn, boolean page) {
    String label() {
      return human(longWindow) + "/" + human(shortWindow);
    }
  }

  public static final List<BurnWindow> WINDOWS =
      List.of(
          new BurnWindow(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, true),
          new BurnWindow(Duration.ofHours(6), Duration.ofMinutes(30), 6, true),
          new BurnWindow(Duration.ofDays(1), Duration.ofHours(2), 3, false),
          new BurnWindow(Duration.ofDays(3), Duration.ofHours(6), 1, false));

  /** One objective of an SLO: availability or latency. */
  public record Objective(Slo slo, boolean latency) {
    public String name() {
      return latency ? "latency" : "availability";
    }

    /** The target as a fraction (0.999 for 99.9%). */
    public double target() {
      return (latency ? slo.latencyTarget() : slo.availability()) / 100;
    }

    /** The share of requests that may be bad. */
    public double budget() {
      return 1 - target();
    }

    /** The share of requests in {@code b} that were bad, NaN without requests. */
    public double badRatio(Bucket b) {
      if (b.requests() == 0) {
        return Double.NaN;
      }
      long bad = latency ? b.requests() - b.fast() : b.serverErrors();
      return (double) bad / b.requests();
    }

    Severity severity(BurnWindow w) {
      return w.page() ? slo.pageSeverity() : Severity.WARNING;
    }
  }

  private Slos() {}

  /** The objectives an SLO sets (availability, latency or both). */
  public static List<Objective> objectives(Slo slo) {
    List<Objective> out = new ArrayList<>(2);
    if (!Double.isNaN(slo.availability())) {
      out.add(new Objective(slo, false));
    }
    if (!Double.isNaN(slo.latencyTarget())) {
      out.add(new Objective(slo, true));
    }
    return out;
  }

  /** The burn rate of {@code o} over the last {@code window}: bad ratio over budget. */
  public static double burnRate(Rollups rollups, Objective o, Duration window) {
    Bucket b = rollups.window(window, k -> o.slo().route().equals(k.route()));
    return o.badRatio(b) / o.budget();
  }

  /**
   * The share of the error budget of the SLO's window that is left (1 = untouched, 0 = spent,
   * negative = overspent); 1 without traffic.
   */
  public static double budgetLeft(Rollups rollups, Objective o) {
    Bucket b = rollups.window(o.slo().window(), k -> o.slo().route().equals(k.route()));
    double bad = o.badRatio(b);
    return Double.isNaN(bad) ? 1 : 1 - bad / o.budget();
  }

  static String human(Duration d) {
    if (d.toDays() > 0 && d.toHoursPart() == 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.toMinutesPart() == 0) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
