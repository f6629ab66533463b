package dev.gantry.eval;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.time.Ticker;
import dev.gantry.eval.baseline.BaselineComparator;
import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.baseline.BaselineReader;
import dev.gantry.eval.baseline.Bootstrap;
import dev.gantry.eval.baseline.CaseRecord;
import dev.gantry.eval.http.HttpOutcome;
import dev.gantry.eval.http.ResponseCache;
import dev.gantry.eval.http.Sleeper;
import dev.gantry.eval.http.TargetClient;
import dev.gantry.eval.internal.Hashes;
import dev.gantry.eval.judge.Judge;
import dev.gantry.eval.judge.LlmJudge;
import dev.gantry.eval.report.ConsoleSummary;
import dev.gantry.eval.report.ReportWriter;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.LazyServices;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.MetricsCalculator;
import dev.gantry.eval.run.Progress;
import dev.gantry.eval.run.RunInfo;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.SuiteExecutor;
import dev.gantry.eval.run.ThresholdCheck;
import dev.gantry.eval.run.ThresholdResult;
import dev.gantry.eval.suite.EvalCase;
import dev.gantry.eval.suite.Suite;
import dev.gantry.eval.suite.SuiteException;
import dev.gantry.eval.suite.SuiteLoader;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.GatewayOptions;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs {@code gantry eval}: load the suite, reach the target (start a gateway in-process for {@code
 * --config}, stopped at the end), check it answers, run the cases, check thresholds and the
 * baseline, write the reports, print a summary, and return the exit code ({@link ExitCodes}).
 * Everything it prints goes to the given stream; run-level failures are printed as {@code error:}
 * lines. One runner per run; not thread-safe.
 */
public final class EvalRunner {
  private final EvalOptions options;
  private final PrintStream out;
  private final Supplier<Embedder> embedderFactory;

  /** A runner that loads the MiniLM embedder only if a {@code similar} assertion needs it. */
  public EvalRunner(EvalOptions options, PrintStream out) {
    this(options, out, () -> new MiniLmEmbedder(10_000));
  }

  /**
   * @param embedderFactory called at most once, on the first {@code similar} assertion
   */
  public EvalRunner(EvalOptions options, PrintStream out, Supplier<Embedder> embedderFactory) {
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    this.embedderFactory = Objects.requireNonNull(embedderFactory, "embedderFactory");
  }

  /** Runs and returns the exit code. */
  public static int run(EvalOptions options, PrintStream out) {
    return new EvalRunner(options, out).run();
  }

  /** Runs and returns the exit code. */
  public int run() {
    return execute().exitCode();
  }

  /** Runs and returns the exit code with the run's result. */
  public EvalOutcome execute() {
    Instant startedAt = options.clock().instant();
    long t0 = System.nanoTime();
    Suite suite;
    try {
      suite = SuiteLoader.load(options.suite());
    } catch (SuiteException e) {
      List<String> lines = new ArrayList<>();
      for (String p : e.problems()) {
        lines.add(e.source() + ": " + p);
      }
      return failed(lines);
    }
    suite = filter(suite);
    if (suite.cases().isEmpty()) {
      return failed(
          List.of("no case matches --tag " + options.tags() + " / --case " + options.caseIds()));
    }
    List<CaseRecord> baseline = null;
    if (options.baseline() != null) {
      try {
        baseline = BaselineReader.read(options.baseline());
      } catch (IOException e) {
        return failed(List.of(e.getMessage()));
      }
    }
    String judgeModel = options.judgeModel() != null ? options.judgeModel() : suite.judge().model();
    if (judgeModel == null && suite.uses("llm-rubric")) {
      return failed(
          List.of(
              "llm-rubric assertions need a judge model: set judge.model in the suite or give"
                  + " --judge-model"));
    }
    Function<EvalCase, String> modelOf = modelOf(suite);
    List<String> noModel = new ArrayList<>();
    for (EvalCase c : suite.cases()) {
      if (modelOf.apply(c) == null) {
        noModel.add(c.id());
      }
    }
    if (!noModel.isEmpty()) {
      return failed(
          List.of(
              "no model for case(s) "
                  + String.join(", ", noModel.subList(0, Math.min(10, noModel.size())))
                  + (noModel.size() > 10 ? " and " + (noModel.size() - 10) + " more" : "")
                  + ": set target.model or defaults.model in the suite, the case's model, or"
                  + " --model"));
    }
    String key = options.key();
    if (key == null) {
      String keyEnv = suite.target().keyEnv();
      if (keyEnv != null) {
        key = options.env().get(keyEnv);
        if (key == null || key.isBlank()) {
          return failed(
              List.of(
                  "target.key_env names the environment variable "
                      + keyEnv
                      + ", which is not set; set it or give --key"));
        }
      } else {
        key = options.env().get("GANTRY_API_KEY");
      }
    }
    Gateway gateway = null;
    try {
      String targetUrl;
      String identity;
      if (options.config() != null) {
        GantryConfig config;
        try {
          config = ConfigLoader.load(options.config(), options.env());
          identity = "config:" + Hashes.sha256(Files.readAllBytes(options.config()));
        } catch (ConfigException e) {
          return failed(List.of("gateway configuration: " + e.getMessage()));
        } catch (IOException e) {
          return failed(List.of("cannot read " + options.config() + ": " + e.getMessage()));
        }
        try {
          gateway =
              Gateway.start(
                  config.withServer(config.server().withPort(0)),
                  GatewayOptions.defaults().withEnv(options.env()));
        } catch (RuntimeException e) {
          return failed(
              List.of(
                  "could not start the gateway from " + options.config() + ": " + e.getMessage()));
        }
        targetUrl = gateway.baseUrl();
      } else {
        targetUrl = options.target() != null ? options.target() : suite.target().url();
        if (targetUrl == null) {
          return failed(
              List.of(
                  "no target: give --target URL or --config FILE, or set target.url in the suite"));
        }
        if (!targetUrl.matches("(?i)https?://[^\\s/]+.*")) {
          return failed(List.of("the target must be an http:// or https:// URL, got " + targetUrl));
        }
        targetUrl = targetUrl.replaceAll("/+$", "");
        identity = targetUrl;
      }
      return runAgainst(
          suite, baseline, targetUrl, identity, key, judgeModel, modelOf, startedAt, t0);
    } finally {
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  private EvalOutcome runAgainst(
      Suite suite,
      List<CaseRecord> baseline,
      String targetUrl,
      String identity,
      String key,
      String judgeModel,
      Function<EvalCase, String> modelOf,
      Instant startedAt,
      long t0) {
    int concurrency = options.concurrency() != null ? options.concurrency() : suite.concurrency();
    long timeoutMs = options.timeoutMs() != null ? options.timeoutMs() : suite.timeoutMs();
    int retries = options.retries() != null ? options.retries() : suite.retries();
    TargetClient client;
    try {
      client =
          new TargetClient(
              URI.create(targetUrl),
              key,
              Duration.ofMillis(timeoutMs),
              retries,
              options.retryBackoff(),
              Ticker.SYSTEM,
              Sleeper.SYSTEM);
    } catch (IllegalArgumentException e) {
      return failed(List.of("invalid target " + targetUrl + ": " + e.getMessage()));
    }
    HttpOutcome probe = client.probe("/v1/models");
    if (probe instanceof HttpOutcome.Failed f) {
      return failed(List.of("cannot reach the target " + targetUrl + ": " + f.reason()));
    }
    String model = options.model() != null ? options.model() : suite.defaultModel();
    out.println(
        "gantry eval: "
            + suite.name()
            + " - "
            + suite.cases().size()
            + " case(s) against "
            + targetUrl
            + (model == null ? "" : " (model " + model + ")")
            + ", concurrency "
            + concurrency
            + (options.noCache() ? ", cache off" : ""));
    out.flush();
    Path cacheDir = options.noCache() ? null : options.cacheDir();
    Supplier<Judge> judges =
        judgeModel == null
            ? () -> null
            : () -> new LlmJudge(client, suite.judge().withModel(judgeModel), cacheDir);
    SuiteExecutor executor =
        new SuiteExecutor(
            client,
            cacheDir == null ? null : new ResponseCache(cacheDir),
            identity,
            modelOf,
            new LazyServices(embedderFactory, judges),
            concurrency);
    List<CaseResult> results = executor.run(suite.cases(), progress());
    Metrics metrics = MetricsCalculator.compute(results);
    List<ThresholdResult> thresholds = ThresholdCheck.check(suite.thresholds(), metrics);
    BaselineComparison comparison =
        baseline == null
            ? null
            : new BaselineComparator(new Bootstrap(options.seed(), options.resamples(), 0.95))
                .compare(
                    options.baseline().toString(), baseline, MetricsCalculator.records(results));
    boolean thresholdsPassed = thresholds.stream().allMatch(ThresholdResult::passed);
    boolean regression = options.failOnRegression() && comparison != null && comparison.regressed();
    RunInfo info =
        new RunInfo(
            targetUrl,
            options.config() == null ? null : options.config().toString(),
            model,
            startedAt,
            (System.nanoTime() - t0) / 1_000_000L,
            concurrency,
            timeoutMs,
            retries,
            cacheDir == null ? null : cacheDir.toString(),
            judgeModel);
    RunResult run =
        new RunResult(
            suite,
            info,
            results,
            metrics,
            thresholds,
            comparison,
            options.failOnRegression(),
            thresholdsPassed && !regression);
    ConsoleSummary.print(run, out);
    try {
      List<Path> written = ReportWriter.writeAll(run, options.out());
      out.println(
          "reports: "
              + written.get(0).getParent()
              + " (report.json, junit.xml, summary.md, report.html)");
    } catch (IOException e) {
      return failed(
          List.of("cannot write the reports to " + options.out() + ": " + e.getMessage()), run);
    }
    if (results.stream().allMatch(r -> r.response() == null)) {
      return failed(
          List.of("no case got a response from " + targetUrl + " (" + results.get(0).error() + ")"),
          run);
    }
    out.flush();
    return new EvalOutcome(run.passed() ? ExitCodes.PASSED : ExitCodes.FAILED, run, List.of());
  }

  private Function<EvalCase, String> modelOf(Suite suite) {
    String fallback = options.model() != null ? options.model() : suite.defaultModel();
    return c -> c.model() != null ? c.model() : fallback;
  }

  private Suite filter(Suite suite) {
    if (options.tags().isEmpty() && options.caseIds().isEmpty()) {
      return suite;
    }
    List<EvalCase> kept = new ArrayList<>();
    for (EvalCase c : suite.cases()) {
      boolean tagOk =
          options.tags().isEmpty() || c.tags().stream().anyMatch(options.tags()::contains);
      boolean idOk = options.caseIds().isEmpty() || options.caseIds().contains(c.id());
      if (tagOk && idOk) {
        kept.add(c);
      }
    }
    return suite.withCases(kept);
  }

  private Progress progress() {
    switch (options.progress()) {
      case NONE:
        return Progress.none();
      case BAR:
        return Progress.bar(out);
      case PLAIN:
        return Progress.lines(out);
      default:
        String ci = options.env().get("CI");
        boolean inCi =
            ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        return System.console() != null && !inCi ? Progress.bar(out) : Progress.lines(out);
    }
  }

  private EvalOutcome failed(List<String> problems) {
    return failed(problems, null);
  }

  private EvalOutcome failed(List<String> problems, RunResult run) {
    for (String p : problems) {
      out.println("error: " + p);
    }
    out.flush();
    return new EvalOutcome(ExitCodes.RUN_FAILED, run, problems);
  }
}
