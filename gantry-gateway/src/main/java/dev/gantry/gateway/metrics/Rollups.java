package dev.gantry.gateway.metrics;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.FeedbackReceived;
import dev.gantry.core.events.GantryEvent;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.events.UpstreamAttemptCompleted;
import dev.gantry.store.monitoring.MonitoringStore;
import dev.gantry.store.monitoring.RollupRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * In-memory rollups of every request for the dashboard, the alert rules and the SLOs: per tenant
 * and route, one {@link Bucket} per minute for the last 24 hours and one per hour for the last 31
 * days (enough for a 30-day SLO window), so memory depends on the number of series, not on traffic.
 * Fed by events; closed and open minutes are written to the store (when there is one) by {@link
 * #flush}, and read back by {@link #load} at start, so the figures survive a restart. Shared and
 * thread-safe.
 */
public final class Rollups {
  static final int MINUTES = 24 * 60;
  static final int HOURS = 31 * 24;

  /** One series: a tenant's traffic on one route. */
  public record Key(String tenant, String route) {}

  private final Clock clock;
  private final Function<String, Duration> sloThreshold;
  private final Map<Key, Series> series = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Set<Long> dirtyMinutes = ConcurrentHashMap.newKeySet();
  private final MonitoringStore store;

  /**
   * @param sloThreshold the latency threshold of a route's SLO, or null when it has none
   * @param store where minutes are kept across restarts, or null
   */
  public Rollups(Clock clock, Function<String, Duration> sloThreshold, MonitoringStore store) {
    this.clock = clock;
    this.sloThreshold = sloThreshold;
    this.store = store;
  }

  /** Guardrail triggers and a degraded answer seen for a request before it completed. */
  private static final class Pending {
    final List<String> checks = new ArrayList<>(2);
    volatile boolean degraded;
    final long minute;

    Pending(long minute) {
      this.minute = minute;
    }
  }

  public void attach(EventBus events) {
    events.subscribe(RequestCompleted.class, this::completed);
    events.subscribe(GuardrailEvaluated.class, this::guardrail);
    events.subscribe(UpstreamAttemptCompleted.class, this::attempt);
    events.subscribe(FeedbackReceived.class, this::feedback);
    events.subscribe(dev.gantry.core.events.RequestCosted.class, this::cost);
    events.subscribe(
        dev.gantry.core.events.DegradedAnswer.class,
        e ->
            pending.computeIfAbsent(e.requestId(), id -> new Pending(minuteNow())).degraded = true);
  }

  long minuteNow() {
    return Math.floorDiv(clock.millis(), 60_000L);
  }

  private Series series(String tenant, String route) {
    return series.computeIfAbsent(
        new Key(tenant == null ? "" : tenant, route == null ? "" : route), k -> new Series());
  }

  void completed(RequestCompleted e) {
    long minute = minuteNow();
    Pending p = pending.remove(e.requestId());
    Duration slo = e.route() == null ? null : sloThreshold.apply(e.route());
    double millis = e.totalNanos() / 1e6;
    series(e.tenant(), e.route())
        .update(
            minute,
            b -> {
              b.requests++;
              if (e.serverError()) {
                b.serverErrors++;
              } else if (e.status() >= 400) {
                b.clientErrors++;
              }
              if (e.status() >= 400) {
                Bucket.bump(
                    b.errors,
                    e.errorType() == null ? Integer.toString(e.status()) : e.errorType(),
                    1);
              }
              if (slo != null && e.status() < 500 && e.totalNanos() <= slo.toNanos()) {
                b.fast++;
              }
              b.latency.record(millis);
              if (e.firstChunkNanos() >= 0) {
                b.ttft.record(e.firstChunkNanos() / 1e6);
              }
              b.inputTokens += Math.max(0, e.inputTokens());
              b.outputTokens += Math.max(0, e.outputTokens());
              if (p != null && p.degraded) {
                b.degraded++;
              }
              if (p != null && !p.checks.isEmpty()) {
                b.triggered++;
                for (String check : p.checks) {
                  Bucket.bump(b.guardrails, check, 1);
                }
              }
            });
    dirtyMinutes.add(minute);
    if (pending.size() > 10_000) {
      pending.values().removeIf(x -> x.minute < minute - 10);
    }
  }

  void guardrail(GuardrailEvaluated e) {
    if (e.outcome() == GuardrailEvaluated.Outcome.PASS || e.requestId() == null) {
      return;
    }
    Pending p = pending.computeIfAbsent(e.requestId(), id -> new Pending(minuteNow()));
    synchronized (p) {
      p.checks.add(e.check());
    }
  }

  void attempt(UpstreamAttemptCompleted e) {
    String deployment = e.provider() + "/" + e.model();
    long minute = minuteNow();
    series("", e.route())
        .update(
            minute,
            b -> {
              Bucket.bump(b.attempts, deployment, 1);
              if (!e.succeeded()) {
                Bucket.bump(b.failedAttempts, deployment, 1);
              }
            });
    dirtyMinutes.add(minute);
  }

  void feedback(FeedbackReceived e) {
    long minute = minuteNow();
    series(e.tenant(), e.route())
        .update(
            minute,
            b -> {
              b.feedbackCount++;
              b.feedbackSum += e.score();
            });
    dirtyMinutes.add(minute);
  }

  void cost(GantryEvent event) {
    CostEvents.Cost c = CostEvents.cost(event);
    if (c == null) {
      return;
    }
    long minute = minuteNow();
    series(c.tenant(), c.route())
        .update(
            minute,
            b -> {
              b.costMicros += c.micros();
              Bucket.bump(b.spendByModel, c.model(), c.micros());
            });
    dirtyMinutes.add(minute);
  }

  /** Adds spend for an end customer (from cost events that name one). */
  public void customerSpend(String tenant, String route, String customer, long micros) {
    long minute = minuteNow();
    series(tenant, route).update(minute, b -> Bucket.bump(b.spendByCustomer, customer, micros));
    dirtyMinutes.add(minute);
  }

  /**
   * The merged bucket of every series {@code filter} accepts over {@code [now - window, now]}, in
   * minute steps for windows up to 24 hours, else in hour steps.
   */
  public Bucket window(Duration window, java.util.function.Predicate<Key> filter) {
    List<Bucket> points = points(window, window, filter);
    return points.isEmpty() ? new Bucket() : points.get(0);
  }

  /**
   * Points of {@code step} covering the last {@code range} (oldest first), each the merge of every
   * accepted series over its step.
   */
  public List<Bucket> points(
      Duration range, Duration step, java.util.function.Predicate<Key> filter) {
    boolean hourly = range.compareTo(Duration.ofHours(24)) > 0;
    long unit = hourly ? 60 : 1;
    long now = hourly ? Math.floorDiv(minuteNow(), 60) : minuteNow();
    long span = Math.max(1, range.toMinutes() / unit);
    long stepUnits = Math.max(1, step.toMinutes() / unit);
    int n = (int) Math.max(1, (span + stepUnits - 1) / stepUnits);
    List<Bucket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Bucket());
    }
    long first = now - (long) n * stepUnits + 1;
    series.forEach(
        (key, s) -> {
          if (filter.test(key)) {
            s.collect(hourly, first, now, stepUnits, out);
          }
        });
    return out;
  }

  /** The series seen so far. */
  public Set<Key> keys() {
    return Set.copyOf(series.keySet());
  }

  /** Writes the minutes and hours changed since the last flush to the store; no-op without one. */
  public void flush() {
    if (store == null || dirtyMinutes.isEmpty()) {
      return;
    }
    List<Long> minutes = new ArrayList<>(dirtyMinutes);
    dirtyMinutes.removeAll(minutes);
    Set<Long> hours = new java.util.TreeSet<>();
    minutes.forEach(m -> hours.add(Math.floorDiv(m, 60)));
    List<RollupRow> rows = new ArrayList<>();
    series.forEach(
        (key, s) -> {
          for (long m : minutes) {
            Bucket b = s.minute(m);
            if (b != null) {
              rows.add(new RollupRow(false, m, key.tenant(), key.route(), b.toJson()));
            }
          }
          for (long h : hours) {
            Bucket b = s.hour(h);
            if (b != null) {
              rows.add(new RollupRow(true, h * 60, key.tenant(), key.route(), b.toJson()));
            }
          }
        });
    store.saveRollups(rows);
    long now = minuteNow();
    store.purgeRollups(false, now - MINUTES);
    store.purgeRollups(true, now - (long) HOURS * 60);
  }

  /** Reads the last day of minutes and 31 days of hours back from the store (at start). */
  public void load() {
    if (store == null) {
      return;
    }
    long now = minuteNow();
    for (RollupRow row : store.loadRollups(false, now - MINUTES + 1)) {
      series(row.tenant(), row.route()).restoreMinute(row.start(), Bucket.fromJson(row.data()));
    }
    for (RollupRow row : store.loadRollups(true, now - (long) HOURS * 60)) {
      series(row.tenant(), row.route())
          .restoreHour(Math.floorDiv(row.start(), 60), Bucket.fromJson(row.data()));
    }
  }

  /** Approximate heap held by the rollups, in bytes (for the benchmark). */
  public long approximateBytes() {
    long total = 0;
    for (Series s : series.values()) {
      total += s.approximateBytes();
    }
    return total;
  }

  /** One series' minute and hour rings. Guarded by itself. */
  private static final class Series {
    private final Bucket[] minutes = new Bucket[MINUTES];
    private final long[] minuteStamps = new long[MINUTES];
    private final Bucket[] hours = new Bucket[HOURS];
    private final long[] hourStamps = new long[HOURS];

    synchronized void update(long minute, java.util.function.Consumer<Bucket> change) {
      change.accept(slot(minutes, minuteStamps, minute));
      change.accept(slot(hours, hourStamps, Math.floorDiv(minute, 60)));
    }

    /** Puts a stored minute back (at start, before any traffic). */
    synchronized void restoreMinute(long minute, Bucket b) {
      int i = (int) Math.floorMod(minute, MINUTES);
      minutes[i] = b;
      minuteStamps[i] = minute;
    }

    /** Puts a stored hour back (at start, before any traffic). */
    synchronized void restoreHour(long hour, Bucket b) {
      int i = (int) Math.floorMod(hour, HOURS);
      hours[i] = b;
      hourStamps[i] = hour;
    }

    synchronized Bucket hour(long hour) {
      int i = (int) Math.floorMod(hour, HOURS);
      return hours[i] != null && hourStamps[i] == hour ? hours[i].copy() : null;
    }

    private static Bucket slot(Bucket[] ring, long[] stamps, long t) {
      int i = (int) Math.floorMod(t, ring.length);
      if (ring[i] == null || stamps[i] != t) {
        ring[i] = new Bucket();
        stamps[i] = t;
      }
      return ring[i];
    }

    synchronized Bucket minute(long minute) {
      int i = (int) Math.floorMod(minute, MINUTES);
      return minutes[i] != null && minuteStamps[i] == minute ? minutes[i].copy() : null;
    }

    synchronized void collect(boolean hourly, long first, long last, long step, List<Bucket> out) {
      Bucket[] ring = hourly ? hours : minutes;
      long[] stamps = hourly ? hourStamps : minuteStamps;
      for (int i = 0; i < ring.length; i++) {
        long t = stamps[i];
        if (ring[i] != null && t >= first && t <= last) {
          out.get((int) ((t - first) / step)).add(ring[i]);
        }
      }
    }

    synchronized long approximateBytes() {
      long n = 2L * (MINUTES + HOURS) * 8 + 64;
      Map<Object, Boolean> seen = new HashMap<>();
      for (Bucket[] ring : new Bucket[][] {minutes, hours}) {
        for (Bucket b : ring) {
          if (b != null && seen.put(b, true) == null) {
            n += 2 * (16 + LatencyHistogram.SIZE * 8 + 24) + 12 * 8 + 6 * 48;
            n +=
                (b.errors.size()
                        + b.spendByModel.size()
                        + b.spendByCustomer.size()
                        + b.guardrails.size()
                        + b.attempts.size()
                        + b.failedAttempts.size())
                    * 80L;
          }
        }
      }
      return n;
    }
  }
}
