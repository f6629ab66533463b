package dev.gantry.eval.schedule;

import dev.gantry.core.config.MonitoringConfig.EvalSchedule;
import dev.gantry.core.events.EvalRunCompleted;
import dev.gantry.eval.EvalOptions;
import dev.gantry.eval.EvalOutcome;
import dev.gantry.eval.EvalRunner;
import dev.gantry.eval.ProgressMode;
import dev.gantry.eval.baseline.MetricComparison;
import dev.gantry.eval.run.RunResult;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.monitoring.Monitoring;
import dev.gantry.store.monitoring.EvalRunRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the suites of a gateway's {@code evals:} against the gateway itself, each every {@code
 * every} on the gateway's monitoring scheduler (one run at a time, on a thread of its own so the
 * scheduler is never held). Each run is compared with the previous one by the engine's bootstrap
 * intervals; the run is stored with its report (the next run's baseline, also after a restart) and
 * published as {@link EvalRunCompleted}, which the alert engine turns into an alert when the run
 * failed its thresholds or regressed. Shared and thread-safe; {@link #close} stops it.
 */
public final class ScheduledEvals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledEvals.class);

  private final Gateway gateway;
  private final Monitoring monitoring;
  private final Map<String, String> env;
  private final Path workDir;
  private final ExecutorService runner;
  private final Map<String, Path> baselines = new ConcurrentHashMap<>();

  private ScheduledEvals(Gateway gateway, Map<String, String> env, Path workDir) {
    this.gateway = gateway;
    this.monitoring = gateway.monitoring();
    this.env = Map.copyOf(env);
    this.workDir = workDir;
    this.runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "gantry-scheduled-eval");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Schedules every evaluation of the gateway's configuration; returns null when there is none.
   *
   * @param env the environment (the suites' {@code target.key_env}, {@code GANTRY_API_KEY})
   */
  public static ScheduledEvals start(Gateway gateway, Map<String, String> env) {
    List<EvalSchedule> evals = gateway.config().monitoring().evals();
    if (evals.isEmpty()) {
      return null;
    }
    Path dir = gateway.config().dataDir().resolve("eval-runs");
    ScheduledEvals s = new ScheduledEvals(gateway, env, dir);
    for (EvalSchedule e : evals) {
      s.monitoring.every(
          e.every(), () -> s.runner.execute(() -> s.run(e)), "evaluation " + e.name());
    }
    s.monitoring.own(s);
    return s;
  }

  /** Runs one evaluation now, on the calling thread. */
  EvalRunCompleted run(EvalSchedule e) {
    Instant at = monitoring.clock().instant();
    EvalRunCompleted done;
    String report = null;
    try {
      Path out = workDir.resolve(e.name()).resolve(Long.toString(at.toEpochMilli()));
      EvalOptions.Builder options =
          EvalOptions.builder(e.suite())
              .target(gateway.baseUrl())
              .model(e.route())
              .out(out)
              .noCache(true)
              .failOnRegression(true)
              .progress(ProgressMode.NONE)
              .env(env)
              .clock(monitoring.clock());
      Path baseline = baseline(e.name());
      if (baseline != null) {
        options.baseline(baseline);
      }
      EvalOutcome outcome = new EvalRunner(options.build(), silent()).execute();
      RunResult r = outcome.result();
      if (r == null) {
        done = failed(e, at, String.join("; ", outcome.problems()));
      } else {
        List<String> regressed = new ArrayList<>();
        if (r.baseline() != null) {
          for (MetricComparison m : r.baseline().metrics()) {
            if (m.gated() && m.significantRegression()) {
              regressed.add(m.name());
            }
          }
        }
        done =
            new EvalRunCompleted(
                e.name(),
                e.route(),
                at,
                r.cases().size(),
                r.metrics().passRate(),
                r.thresholdsPassed(),
                regressed,
                null);
        Path json = out.resolve("report.json");
        if (Files.isReadable(json)) {
          baselines.put(e.name(), json);
          report = Files.readString(json);
        }
      }
    } catch (RuntimeException | IOException ex) {
      LOG.warn("scheduled evaluation {} failed: {}", e.name(), ex.toString());
      done = failed(e, at, ex.toString());
    }
    store(done, report);
    monitoring.events().publish(done);
    return done;
  }

  /** The previous run's report: this process's last, else the stored one. */
  private Path baseline(String name) throws IOException {
    Path known = baselines.get(name);
    if (known != null || monitoring.store() == null) {
      return known;
    }
    var last = monitoring.store().lastEvalRun(name);
    if (last.isEmpty() || last.get().report() == null) {
      return null;
    }
    Path file = workDir.resolve(name).resolve("stored-baseline.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, last.get().report());
    baselines.put(name, file);
    return file;
  }

  private void store(EvalRunCompleted done, String report) {
    if (monitoring.store() == null) {
      return;
    }
    try {
      monitoring
          .store()
          .addEvalRun(
              new EvalRunRecord(
                  done.name(),
                  done.route(),
                  done.at(),
                  done.cases(),
                  done.passRate(),
                  !done.failed(),
                  summary(done),
                  report));
    } catch (RuntimeException ex) {
      LOG.warn("storing the run of {} failed: {}", done.name(), ex.toString());
    }
  }

  static String summary(EvalRunCompleted d) {
    if (d.error() != null) {
      return "could not run: " + d.error();
    }
    StringBuilder b = new StringBuilder();
    b.append(d.thresholdsPassed() ? "thresholds passed" : "thresholds failed");
    if (!d.regressed().isEmpty()) {
      b.append("; regressed: ").append(String.join(", ", d.regressed()));
    }
    return b.toString();
  }

  private static EvalRunCompleted failed(EvalSchedule e, Instant at, String why) {
    return new EvalRunCompleted(e.name(), e.route(), at, 0, 0, false, List.of(), why);
  }

  private static PrintStream silent() {
    return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }
}
