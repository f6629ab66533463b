package dev.gantry.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.RouteCache;
import dev.gantry.ml.CacheEncoders;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures the semantic cache's decisions on GPTCache's benchmark file and on the labelled pairs
 * ({@code data/cache}); prints, asserts nothing. Not part of the normal build (its name does not
 * end in Test). Run it with:
 *
 * <pre>
 * mvn -B -o test -pl gantry-gateway -am -Dtest=CacheBenchmarkReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read {@code gantry-gateway/target/cache-benchmark.txt}.
 */
class CacheBenchmarkReport {
  static final ObjectMapper JSON = new ObjectMapper();
  final List<String> out = new ArrayList<>();

  record Row(int id, String cached, String query) {}

  @Test
  void report() throws Exception {
    Path data = Path.of("..", "data", "cache");
    List<Row> rows = new ArrayList<>();
    for (String l : Files.readAllLines(data.resolve("gptcache-benchmark.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      rows.add(new Row(n.get("id").asInt(), n.get("cached").asText(), n.get("query").asText()));
    }
    List<String[]> pairs = new ArrayList<>();
    List<Boolean> same = new ArrayList<>();
    for (String l : Files.readAllLines(data.resolve("pairs.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      pairs.add(new String[] {n.get("a").asText(), n.get("b").asText()});
      same.add(n.get("same").asBoolean());
    }
    for (RouteCache base :
        List.of(
            RouteCache.DEFAULTS,
            RouteCache.DEFAULTS.withEncoder(RouteCache.MINILM),
            RouteCache.DEFAULTS.withEncoder(RouteCache.E5_SMALL))) {
      Embedder embedder = CacheEncoders.open(base.encoder(), 10_000);
      out.add("=== encoder " + base.encoder() + " ===");
      report(base, embedder, rows, pairs, same);
      out.add("");
    }
    Path report = Path.of("target", "cache-benchmark.txt");
    Files.writeString(report, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
    System.out.println(String.join("\n", out));
  }

  private void report(
      RouteCache base,
      Embedder embedder,
      List<Row> rows,
      List<String[]> pairs,
      List<Boolean> same) {
    List<String> cachedTexts =
        new ArrayList<>(
            new LinkedHashMap<String, Boolean>() {
              {
                rows.forEach(r -> put(r.cached(), true));
              }
            }.keySet());
    Map<String, float[]> vec = new HashMap<>();
    List<float[]> cv = embedder.embedAll(cachedTexts);
    for (int i = 0; i < cachedTexts.size(); i++) {
      vec.put(cachedTexts.get(i), cv.get(i));
    }
    List<float[]> qv = embedder.embedAll(rows.stream().map(Row::query).toList());

    // Calibration on the labelled pairs, as `gantry cache calibrate` does it.
    PairJudge judge = new PairJudge(embedder, base);
    List<PairJudge.Verdict> verdicts = judge.judge(pairs);
    PairJudge.Point chosen = PairJudge.choose(PairJudge.curve(verdicts, same), 0.97);
    out.add("calibrated on pairs.jsonl (guard on, precision 0.97): " + chosen.line());
    out.add("");
    out.add("GPTCache benchmark, 999 queries against 964 distinct cached sentences");
    out.add("config                         threshold positive negative fail  hit-rate precision");
    double[] thresholds = {
      chosen.threshold(), base.threshold(), 0.70, 0.75, 0.80, 0.85, 0.90, 0.95
    };
    for (String variant : List.of("guard+margin", "guard", "margin", "similarity only")) {
      boolean guard = variant.startsWith("guard");
      double margin = variant.contains("margin") ? base.margin() : 0;
      for (double t : thresholds) {
        out.add(count(variant, rows, cachedTexts, vec, qv, t, guard, margin, 0, rows.size()));
      }
    }
    out.add("");
    out.add("Leave-one-half-out: threshold calibrated (0.97) on the pairs of one half of the ids,");
    out.add("benchmark counted on the other half (guard and margin on)");
    for (int half = 0; half < 2; half++) {
      int lo = half == 0 ? 0 : 500;
      int hi = half == 0 ? 500 : rows.size();
      java.util.Set<String> heldOut = new java.util.HashSet<>();
      for (int i = lo; i < hi; i++) {
        heldOut.add(rows.get(i).query());
      }
      List<PairJudge.Verdict> v = new ArrayList<>();
      List<Boolean> s = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        if (!heldOut.contains(pairs.get(i)[0])) {
          v.add(verdicts.get(i));
          s.add(same.get(i));
        }
      }
      PairJudge.Point p = PairJudge.choose(PairJudge.curve(v, s), 0.97);
      out.add(
          String.format(
              Locale.ROOT,
              "  calibrated without ids %d..%d: threshold %.3f",
              lo,
              hi - 1,
              p.threshold()));
      for (double t : new double[] {p.threshold(), base.threshold()}) {
        out.add(
            count(
                "held-out " + lo + ".." + (hi - 1),
                rows,
                cachedTexts,
                vec,
                qv,
                t,
                true,
                base.margin(),
                lo,
                hi));
      }
    }
    out.add("");
    out.add("pairs.jsonl (990 same, 990 hard negatives): precision / recall of the pair decision");
    for (boolean guard : new boolean[] {true, false}) {
      List<PairJudge.Verdict> v =
          guard ? verdicts : new PairJudge(embedder, base.withGuard(false)).judge(pairs);
      for (PairJudge.Point p : PairJudge.curve(v, same)) {
        if (Math.round(p.threshold() * 1000) % 10 == 0 && p.threshold() >= 0.7) {
          out.add("  guard " + (guard ? "on " : "off") + "  " + p.line());
        }
      }
    }
  }

  private static String count(
      String variant,
      List<Row> rows,
      List<String> cachedTexts,
      Map<String, float[]> vec,
      List<float[]> qv,
      double threshold,
      boolean guard,
      double margin,
      int lo,
      int hi) {
    int pos = 0;
    int neg = 0;
    int fail = 0;
    for (int i = lo; i < hi; i++) {
      List<Candidate<String>> candidates = new ArrayList<>(cachedTexts.size());
      for (String c : cachedTexts) {
        candidates.add(new Candidate<>(c, c, Vectors.cosine(qv.get(i), vec.get(c)), c));
      }
      SemanticDecision<String> d =
          SemanticMatcher.decide(rows.get(i).query(), candidates, threshold, guard, margin);
      if (d.winner().isEmpty()) {
        fail++;
      } else if (d.winner().get().value().equals(rows.get(i).cached())) {
        pos++;
      } else {
        neg++;
      }
    }
    int n = hi - lo;
    return String.format(
        Locale.ROOT,
        "%-30s %9.3f %8d %8d %5d %8.1f%% %8.1f%%",
        variant,
        threshold,
        pos,
        neg,
        fail,
        100.0 * (pos + neg) / n,
        pos + neg == 0 ? 0 : 100.0 * pos / (pos + neg));
  }
}
