package dev.gantry.cli;

import dev.gantry.eval.EvalOptions;
import dev.gantry.eval.EvalRunner;
import dev.gantry.eval.ProgressMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry eval SUITE}: runs an eval suite; exit 0 passed, 1 a threshold failed, 2 error. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Run an eval suite against a gateway and check its thresholds. Exit 0: passed; 1: a"
            + " threshold failed (or a significant regression with --fail-on-regression); 2: the"
            + " run itself failed.")
final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file (.yaml, .jsonl, .csv).")
  Path suite;

  @Option(names = "--target", paramLabel = "URL", description = "A running gateway.")
  String target;

  @Option(names = "--key", paramLabel = "K", description = "API key for the target.")
  String key;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Start a gateway in-process from this configuration (excludes --target).")
  Path config;

  @Option(names = "--model", description = "Model for cases that do not name one.")
  String model;

  @Option(names = "--judge-model", description = "Judge model for llm-rubric assertions.")
  String judgeModel;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory.")
  Path out;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Response cache directory.")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Send every request; store nothing.")
  boolean noCache;

  @Option(names = "--concurrency", description = "Cases in flight.")
  Integer concurrency;

  @Option(names = "--timeout-ms", description = "Per-request timeout.")
  Long timeoutMs;

  @Option(names = "--retries", description = "Retries on transport errors, 429 and 5xx.")
  Integer retries;

  @Option(names = "--baseline", paramLabel = "RUN.json", description = "Compare with a report.")
  Path baseline;

  @Option(names = "--fail-on-regression", description = "Fail on a significant quality drop.")
  boolean failOnRegression;

  @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed.")
  long seed;

  @Option(names = "--resamples", defaultValue = "2000", description = "Bootstrap resamples.")
  int resamples;

  @Option(names = "--tag", description = "Run only cases with this tag (repeatable).")
  List<String> tags = List.of();

  @Option(names = "--case", description = "Run only this case id (repeatable).")
  List<String> cases = List.of();

  @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, plain or none.")
  ProgressMode progress;

  @Override
  public Integer call() {
    EvalOptions options;
    try {
      EvalOptions.Builder b =
          EvalOptions.builder(suite)
              .target(target)
              .key(key)
              .config(config)
              .model(model)
              .judgeModel(judgeModel)
              .noCache(noCache)
              .concurrency(concurrency)
              .timeoutMs(timeoutMs)
              .retries(retries)
              .baseline(baseline)
              .failOnRegression(failOnRegression)
              .seed(seed)
              .resamples(resamples)
              .tags(tags)
              .caseIds(cases)
              .progress(progress)
              .env(System.getenv());
      if (out != null) {
        b.out(out);
      }
      if (cacheDir != null) {
        b.cacheDir(cacheDir);
      }
      options = b.build();
    } catch (IllegalArgumentException e) {
      System.err.println("gantry eval: " + e.getMessage());
      return 2;
    }
    return EvalRunner.run(options, System.out);
  }
}
