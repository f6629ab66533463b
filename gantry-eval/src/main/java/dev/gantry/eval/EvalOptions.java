package dev.gantry.eval;

import dev.gantry.eval.baseline.Bootstrap;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of one eval run; each maps to one command-line option (named in brackets). Build with
 * {@link #builder(Path)}. Null means "not given": the suite's value, then the default, apply.
 *
 * @param suite the suite file (positional {@code SUITE})
 * @param target the gateway's base URL ({@code --target URL}); overrides {@code target.url}
 * @param key the API key ({@code --key K}); otherwise the variable named by {@code target.key_env},
 *     otherwise {@code GANTRY_API_KEY}
 * @param config a gateway configuration to start in-process ({@code --config FILE}); excludes
 *     {@code target}
 * @param model the model for every case that does not name its own ({@code --model NAME})
 * @param judgeModel the judge model for {@code llm-rubric} ({@code --judge-model NAME})
 * @param out the report directory ({@code --out DIR}, default {@code .gantry/eval-report})
 * @param cacheDir the cache directory ({@code --cache-dir DIR}, default {@code .gantry/eval-cache})
 * @param noCache send every request and ignore the cache ({@code --no-cache})
 * @param concurrency cases in flight at once ({@code --concurrency N})
 * @param timeoutMs per-request timeout in ms ({@code --timeout-ms N})
 * @param retries retries on transport errors, 429 and 5xx ({@code --retries N})
 * @param baseline an earlier {@code report.json} to compare with ({@code --baseline RUN.json})
 * @param failOnRegression exit 1 on a significant quality regression ({@code --fail-on-regression})
 * @param seed bootstrap seed ({@code --seed N}, default 42)
 * @param resamples bootstrap resamples ({@code --resamples N}, default 2000)
 * @param tags run only cases with one of these tags ({@code --tag T}, repeatable)
 * @param caseIds run only these cases ({@code --case ID}, repeatable)
 * @param progress how to show progress ({@code --progress auto|bar|plain|none})
 * @param retryBackoff wait before the first retry (not a CLI option; default 500 ms)
 * @param env environment variables (for the key and {@code CI}); default the process environment
 * @param clock wall clock for the report's start time
 */
public record EvalOptions(
    Path suite,
    String target,
    String key,
    Path config,
    String model,
    String judgeModel,
    Path out,
    Path cacheDir,
    boolean noCache,
    Integer concurrency,
    Long timeoutMs,
    Integer retries,
    Path baseline,
    boolean failOnRegression,
    long seed,
    int resamples,
    List<String> tags,
    List<String> caseIds,
    ProgressMode progress,
    Duration retryBackoff,
    Map<String, String> env,
    Clock clock) {
  public static final Path DEFAULT_OUT = Path.of(".gantry", "eval-report");
  public static final Path DEFAULT_CACHE_DIR = Path.of(".gantry", "eval-cache");

  public EvalOptions {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(cacheDir, "cacheDir");
    tags = List.copyOf(tags);
    caseIds = List.copyOf(caseIds);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    if (target != null && config != null) {
      throw new IllegalArgumentException("--target and --config exclude each other; give one");
    }
    if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
      throw new IllegalArgumentException("--concurrency must be in 1..256, got " + concurrency);
    }
    if (timeoutMs != null && timeoutMs < 1) {
      throw new IllegalArgumentException("--timeout-ms must be >= 1, got " + timeoutMs);
    }
    if (retries != null && (retries < 0 || retries > 10)) {
      throw new IllegalArgumentException("--retries must be in 0..10, got " + retries);
    }
    if (resamples < 100) {
      throw new IllegalArgumentException("--resamples must be >= 100, got " + resamples);
    }
  }

  public static Builder builder(Path suite) {
    return new Builder(suite);
  }

  /** A builder with every option at its default. Not thread-safe. */
  public static final class Builder {
    private final Path suite;
    private String target;
    private String key;
    private Path config;
    private String model;
    private String judgeModel;
    private Path out = DEFAULT_OUT;
    private Path cacheDir = DEFAULT_CACHE_DIR;
    private boolean noCache;
    private Integer concurrency;
    private Long timeoutMs;
    private Integer retries;
    private Path baseline;
    private boolean failOnRegression;
    private long seed = 42;
    private int resamples = Bootstrap.DEFAULT_RESAMPLES;
    private List<String> tags = List.of();
    private List<String> caseIds = List.of();
    private ProgressMode progress = ProgressMode.AUTO;
    private Duration retryBackoff = Duration.ofMillis(500);
    private Map<String, String> env = System.getenv();
    private Clock clock = Clock.systemUTC();

    private Builder(Path suite) {
      this.suite = suite;
    }

    public Builder target(String v) {
      target = v;
      return this;
    }

    public Builder key(String v) {
      key = v;
      return this;
    }

    public Builder config(Path v) {
      config = v;
      return this;
    }

    public Builder model(String v) {
      model = v;
      return this;
    }

    public Builder judgeModel(String v) {
      judgeModel = v;
      return this;
    }

    public Builder out(Path v) {
      out = v;
      return this;
    }

    public Builder cacheDir(Path v) {
      cacheDir = v;
      return this;
    }

    public Builder noCache(boolean v) {
      noCache = v;
      return this;
    }

    public Builder concurrency(Integer v) {
      concurrency = v;
      return this;
    }

    public Builder timeoutMs(Long v) {
      timeoutMs = v;
      return this;
    }

    public Builder retries(Integer v) {
      retries = v;
      return this;
    }

    public Builder baseline(Path v) {
      baseline = v;
      return this;
    }

    public Builder failOnRegression(boolean v) {
      failOnRegression = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder resamples(int v) {
      resamples = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder caseIds(List<String> v) {
      caseIds = v;
      return this;
    }

    public Builder progress(ProgressMode v) {
      progress = v;
      return this;
    }

    public Builder retryBackoff(Duration v) {
      retryBackoff = v;
      return this;
    }

    public Builder env(Map<String, String> v) {
      env = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException when options contradict each other or are out of range
     */
    public EvalOptions build() {
      return new EvalOptions(
          suite,
          target,
          key,
          config,
          model,
          judgeModel,
          out,
          cacheDir,
          noCache,
          concurrency,
          timeoutMs,
          retries,
          baseline,
          failOnRegression,
          seed,
          resamples,
          tags,
          caseIds,
          progress,
          retryBackoff,
          env,
          clock);
    }
  }
}
