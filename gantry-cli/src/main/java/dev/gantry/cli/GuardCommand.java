package dev.gantry.cli;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.GuardAction;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.checks.GroundingGuardrail;
import dev.gantry.guardrails.checks.InjectionGuardrail;
import dev.gantry.guardrails.checks.PiiGuardrail;
import dev.gantry.guardrails.checks.SafetyGuardrail;
import dev.gantry.guardrails.checks.TopicGuardrail;
import dev.gantry.guardrails.external.ExternalGuardrail;
import dev.gantry.guardrails.grounding.GroundingChecker;
import dev.gantry.guardrails.injection.InjectionDetector;
import dev.gantry.guardrails.injection.InjectionTrainer;
import dev.gantry.guardrails.injection.TrainingReport;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.rules.RulesGuardrail;
import dev.gantry.guardrails.safety.SafetyCategory;
import dev.gantry.guardrails.safety.SafetyClassifier;
import dev.gantry.guardrails.scan.BatchScanner;
import dev.gantry.guardrails.scan.GroundingScanner;
import dev.gantry.guardrails.topic.Topic;
import dev.gantry.guardrails.topic.TopicFilter;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry guard scan|train}. */
@Command(
    name = "guard",
    mixinStandardHelpOptions = true,
    description = "Guardrail tools: batch scanning and training the injection classifier.",
    subcommands = {GuardCommand.Scan.class, GuardCommand.Train.class})
final class GuardCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description =
          "Read JSON lines with a 'text' field on standard input; write one result line per input"
              + " line, in order: {\"results\": {\"<check>\": {\"flagged\", \"score\", \"spans\"}}};"
              + " safety adds \"categories\" (those that triggered) and \"category_scores\".")
  static final class Scan implements Callable<Integer> {
    @Option(
        names = "--checks",
        split = ",",
        defaultValue = "injection,pii",
        description =
            "injection, pii, topic, safety, rules, nemo, guardrails_ai, webhook (topic, rules and"
                + " the external checks come from --config); or grounding alone, on lines"
                + " {\"text\": answer, \"sources\": [...]}.")
    List<String> checks;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Take the topic check (and thresholds) from the first route that has one.")
    Path config;

    @Option(
        names = "--route",
        paramLabel = "NAME",
        description = "Take rules and external checks from this route of --config.")
    String route;

    @Option(names = "--threads", description = "Worker threads (default: one per core).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
      if (checks.stream().anyMatch(c -> c.strip().equals("grounding"))) {
        return grounding();
      }
      GantryConfig cfg = config == null ? null : ConfigLoader.load(config, System.getenv());
      Embedder embedder = null;
      List<InputGuardrail> guards = new ArrayList<>();
      for (String c : checks) {
        switch (c.strip()) {
          case "injection":
            embedder = embedder == null ? new MiniLmEmbedder(10_000) : embedder;
            guards.add(
                new InjectionGuardrail(
                    InjectionDetector.defaults(embedder),
                    GuardAction.FLAG,
                    threshold(cfg, GuardCheck.Injection.class, 0.5)));
            break;
          case "pii":
            guards.add(
                new PiiGuardrail(
                    PiiDetector.defaults(),
                    Set.of(),
                    GuardAction.FLAG,
                    threshold(cfg, GuardCheck.Pii.class, 0.5),
                    false));
            break;
          case "topic":
            GuardCheck.Topic t = cfg == null ? null : find(cfg, GuardCheck.Topic.class);
            if (t == null) {
              System.err.println(
                  "gantry guard scan: the topic check needs --config with a route that has one");
              return 2;
            }
            embedder = embedder == null ? new MiniLmEmbedder(10_000) : embedder;
            guards.add(
                new TopicGuardrail(
                    new TopicFilter(
                        embedder,
                        topics(t.allowed()),
                        topics(t.denied()),
                        t.settings().threshold(),
                        t.settings().threshold()),
                    GuardAction.FLAG,
                    t.redirectMessage()));
            break;
          case "safety":
            embedder = embedder == null ? new MiniLmEmbedder(10_000) : embedder;
            GuardCheck.Safety sc = cfg == null ? null : find(cfg, GuardCheck.Safety.class);
            Map<SafetyCategory, Double> thresholds =
                SafetyGuardrail.uniform(sc == null ? 0.5 : sc.settings().threshold());
            if (sc != null) {
              sc.thresholds().forEach((k, v) -> thresholds.put(SafetyCategory.of(k), v));
              sc.off().forEach(k -> thresholds.remove(SafetyCategory.of(k)));
            }
            guards.add(
                new SafetyGuardrail(
                    SafetyClassifier.defaults(embedder), GuardAction.FLAG, thresholds));
            break;
          case "rules":
          case "nemo":
          case "guardrails_ai":
          case "webhook":
            InputGuardrail policy = policy(cfg, c.strip(), route);
            if (policy == null) {
              System.err.println(
                  "gantry guard scan: the "
                      + c.strip()
                      + " check needs --config with a route that has one");
              return 2;
            }
            guards.add(policy);
            break;
          default:
            System.err.println(
                "gantry guard scan: unknown check '"
                    + c
                    + "'; use injection, pii, topic, safety, rules, nemo, guardrails_ai, webhook"
                    + " or grounding");
            return 2;
        }
      }
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        BatchScanner scanner = new BatchScanner(guards, embedder, pool, n, 64);
        return report(scanner.scan(stdin(), stdout()));
      } finally {
        pool.shutdownNow();
      }
    }

    /**
     * Grounding reads answers with their sources, not prompts: it is scanned on its own, one line
     * {@code {"text", "sources", "question"?}} at a time.
     */
    private Integer grounding() throws java.io.IOException {
      if (checks.size() > 1) {
        System.err.println(
            "gantry guard scan: grounding reads answers with their sources; scan it on its own");
        return 2;
      }
      GroundingScanner scanner =
          new GroundingScanner(
              new GroundingGuardrail(GroundingChecker.defaults(null), GuardAction.FLAG, 0.5, true));
      return report(scanner.scan(stdin(), stdout()));
    }

    private static BufferedReader stdin() {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    private static BufferedWriter stdout() {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    }

    private static int report(BatchScanner.Stats s) {
      System.err.printf(
          "scanned %d lines (%d flagged, %d not valid) in %.1f s: %.0f lines/s%n",
          s.lines(), s.flagged(), s.errors(), s.nanos() / 1e9, s.rate());
      return 0;
    }

    /**
     * The rules or external check of that kind from the given route, else the first route that
     * configures one (on its input or output), built to flag.
     */
    private static InputGuardrail policy(GantryConfig cfg, String kind, String route) {
      if (cfg == null) {
        return null;
      }
      GuardCheck.Settings flag = null;
      for (RouteConfig r : cfg.routes().values()) {
        if (route != null && !r.name().equals(route)) {
          continue;
        }
        List<GuardCheck> all = new ArrayList<>(r.guardrails().input());
        all.addAll(r.guardrails().output());
        for (GuardCheck c : all) {
          if (!c.name().equals(kind)) {
            continue;
          }
          flag =
              new GuardCheck.Settings(
                  GuardAction.FLAG,
                  c.settings().threshold(),
                  c.settings().timeout(),
                  c.settings().failClosed());
          if (c instanceof GuardCheck.Rules rules) {
            List<GuardCheck.BusinessRule> flagged = new ArrayList<>();
            rules
                .rules()
                .forEach(
                    b ->
                        flagged.add(
                            new GuardCheck.BusinessRule(
                                b.name(), b.when(), b.message(), GuardAction.FLAG, b.path())));
            return RulesGuardrail.of(new GuardCheck.Rules(flag, flagged, rules.dataJson()));
          }
          if (c instanceof GuardCheck.External e) {
            return new ExternalGuardrail(
                new GuardCheck.External(flag, e.kind(), e.url(), e.target(), e.apiKey()),
                ExternalGuardrail.client(java.time.Duration.ofSeconds(2)));
          }
        }
      }
      return null;
    }

    private static <T extends GuardCheck> T find(GantryConfig cfg, Class<T> type) {
      for (RouteConfig r : cfg.routes().values()) {
        T t = r.guardrails().find(r.guardrails().input(), type);
        if (t != null) {
          return t;
        }
      }
      return null;
    }

    private static double threshold(
        GantryConfig cfg, Class<? extends GuardCheck> type, double fallback) {
      GuardCheck c = cfg == null ? null : find(cfg, type);
      return c == null ? fallback : c.settings().threshold();
    }

    private static List<Topic> topics(List<GuardCheck.TopicSpec> specs) {
      List<Topic> out = new ArrayList<>();
      specs.forEach(s -> out.add(new Topic(s.name(), s.examples())));
      return out;
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Train the injection classifier on JSON lines {text, label: injection|benign}; holds back"
              + " a seeded part and prints its precision, recall and F1. Same data and seed give"
              + " byte-identical weights.")
  static final class Train implements Callable<Integer> {
    @Option(
        names = "--data",
        required = true,
        paramLabel = "FILE",
        description = "Training rows (JSON lines); repeat to train on several files together.")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
      TrainingReport r = new InjectionTrainer(new MiniLmEmbedder(50_000)).train(data, out, seed);
      System.out.print(r.summary());
      return 0;
    }
  }
}
