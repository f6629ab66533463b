package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.config.CacheThresholdEdit;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.RouteCache;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.gateway.cache.PairJudge;
import dev.gantry.ml.CacheEncoders;
import dev.gantry.ml.Embedder;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry cache calibrate|eval}. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description =
        "Semantic cache tools: choose a route's threshold, measure the cache's decisions.",
    subcommands = {CacheCommand.Calibrate.class, CacheCommand.Eval.class})
final class CacheCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** Options shared by both subcommands. */
  abstract static class Base {
    @Option(
        names = "--pairs",
        required = true,
        paramLabel = "FILE",
        description = "JSON lines {\"a\", \"b\", \"same\"} (same is optional for eval).")
    Path pairs;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Take the cache settings from this configuration (default: shipped ones).")
    Path config;

    @Option(
        names = "--route",
        paramLabel = "R",
        description = "The route whose cache settings apply (default: the first with a cache).")
    String route;

    final List<String[]> texts = new ArrayList<>();
    final List<Boolean> same = new ArrayList<>();

    void read(boolean needLabels) throws Exception {
      int n = 0;
      for (String line : Files.readAllLines(pairs, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = JSON.readTree(line);
        if (!o.path("a").isTextual() || !o.path("b").isTextual()) {
          throw new IllegalArgumentException(pairs + ":" + n + ": needs string fields a and b");
        }
        if (needLabels && !o.path("same").isBoolean()) {
          throw new IllegalArgumentException(pairs + ":" + n + ": needs a boolean field same");
        }
        texts.add(new String[] {o.get("a").asText(), o.get("b").asText()});
        same.add(o.path("same").asBoolean(false));
      }
    }

    /** The encoder the settings name, caching up to {@code entries} texts. */
    static Embedder encoder(RouteCache settings, long entries) {
      return CacheEncoders.open(settings.encoder(), entries);
    }

    /** The cache settings of the chosen route, or the shipped defaults. */
    RouteCache settings() throws Exception {
      if (config == null) {
        return RouteCache.DEFAULTS;
      }
      GantryConfig cfg = ConfigLoader.load(config, System.getenv());
      for (RouteConfig r : cfg.routes().values()) {
        if ((route == null || r.name().equals(route)) && r.cache() != null) {
          route = r.name();
          return r.cache();
        }
      }
      throw new IllegalArgumentException(
          route == null ? "no route has a cache" : "route '" + route + "' has no cache");
    }
  }

  @Command(
      name = "calibrate",
      mixinStandardHelpOptions = true,
      description =
          "Print the precision / hit-rate curve of labelled pairs (with the false-hit guard) and"
              + " the lowest threshold that meets the precision target; --write puts it into"
              + " --config's route.")
  static final class Calibrate extends Base implements Callable<Integer> {
    @Option(
        names = "--precision",
        defaultValue = "0.97",
        description = "Precision target, 0..1 (default ${DEFAULT-VALUE}).")
    double precision;

    @Option(names = "--write", description = "Write the threshold into the --config file.")
    boolean write;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      if (!(precision > 0 && precision <= 1)) {
        System.err.println("--precision must be in (0, 1]");
        return 2;
      }
      if (write && config == null) {
        System.err.println("--write needs --config");
        return 2;
      }
      read(true);
      RouteCache settings = settings();
      List<PairJudge.Verdict> verdicts =
          new PairJudge(encoder(settings, texts.size() * 2L + 16), settings).judge(texts);
      List<PairJudge.Point> curve = PairJudge.curve(verdicts, same);
      out.printf(
          Locale.ROOT,
          "%d pairs (%d same), encoder %s, guard %s%n",
          texts.size(),
          same.stream().filter(b -> b).count(),
          settings.encoder(),
          settings.guard() ? "on" : "off");
      curve.forEach(p -> out.println(p.line()));
      PairJudge.Point chosen = PairJudge.choose(curve, precision);
      if (chosen == null) {
        out.printf(Locale.ROOT, "no threshold reaches precision %.2f%n", precision);
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "threshold %.3f: precision %.4f, recall %.4f (target %.2f)%n",
          chosen.threshold(),
          chosen.precision(),
          chosen.recall(),
          precision);
      if (write) {
        String text = Files.readString(config, StandardCharsets.UTF_8);
        Files.writeString(
            config,
            CacheThresholdEdit.apply(text, route, chosen.threshold()),
            StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "wrote routes.%s.cache.threshold to %s%n", route, config);
      }
      return 0;
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Write one JSON line per input pair, in order, with 'similarity' and 'hit' (the cache's"
              + " decision, false-hit guard included) and 'guard' (what the guard refused, or"
              + " null).")
  static final class Eval extends Base implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      read(false);
      RouteCache settings = settings();
      List<PairJudge.Verdict> verdicts =
          new PairJudge(encoder(settings, texts.size() * 2L + 16), settings).judge(texts);
      try (BufferedWriter w =
          new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
        for (PairJudge.Verdict v : verdicts) {
          ObjectNode o = JSON.createObjectNode();
          o.put("similarity", Math.round(v.similarity() * 1e6) / 1e6);
          o.put("hit", v.hit());
          if (v.guard() == null) {
            o.putNull("guard");
          } else {
            o.put("guard", v.guard());
          }
          w.write(JSON.writeValueAsString(o));
          w.newLine();
        }
      }
      return 0;
    }
  }
}
