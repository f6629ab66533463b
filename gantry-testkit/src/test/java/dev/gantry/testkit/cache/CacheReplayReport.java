package dev.gantry.testkit.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The FAQ replay: 10,000 requests drawn with a Zipf distribution (s = 1) from the demo's questions
 * and their rewordings ({@code bench/cache/faq.jsonl}), through a gateway with the cache on, in
 * front of a simulator that echoes the question (so an answer served for another question is seen
 * by its text). Counts hits, false hits and the cost saved, and the time Gantry itself spent
 * ({@code x-gantry-overhead-ms}) on misses, hits and requests to a route without cache. Prints,
 * asserts nothing; not part of the normal build. Run it with:
 *
 * <pre>
 * mvn -B -o test -pl gantry-testkit -Dtest=CacheReplayReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read {@code gantry-testkit/target/cache-replay-tail0.txt} (with {@code -Dtail=0.3}: 30% of
 * the requests are asked once only; {@code cache-replay-tail30.txt}).
 */
class CacheReplayReport {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int REQUESTS = Integer.getInteger("requests", 10_000);

  /**
   * Share of requests that ask a question once only (the long tail): one of the demo's other
   * questions with a unique reference number appended.
   */
  static final double TAIL = Double.parseDouble(System.getProperty("tail", "0"));

  @Test
  void report() throws Exception {
    Map<String, List<String>> wordings = new LinkedHashMap<>();
    Map<String, String> idOf = new HashMap<>();
    for (String l : Files.readAllLines(Path.of("..", "bench", "cache", "faq.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      wordings
          .computeIfAbsent(n.get("id").asText(), k -> new ArrayList<>())
          .add(n.get("text").asText());
      idOf.put(n.get("text").asText(), n.get("id").asText());
    }
    List<String> ids = new ArrayList<>(wordings.keySet());
    List<String> tail = new ArrayList<>();
    for (String l : Files.readAllLines(Path.of("..", "examples", "rag", "qa.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      if (!wordings.containsKey(n.get("id").asText())) {
        tail.add(n.get("question").asText().strip());
        idOf.put(n.get("question").asText().strip(), n.get("id").asText());
      }
    }
    int tailUsed = 0;
    double[] cdf = new double[ids.size()];
    double sum = 0;
    for (int k = 0; k < ids.size(); k++) {
      sum += 1.0 / (k + 1);
      cdf[k] = sum;
    }
    List<String> out = new ArrayList<>();
    dev.gantry.core.events.EventBus events = new dev.gantry.core.events.EventBus();
    java.util.concurrent.atomic.AtomicLong saved = new java.util.concurrent.atomic.AtomicLong();
    events.subscribe(
        dev.gantry.core.events.CacheLookedUp.class, e -> saved.addAndGet(e.savedMicros()));
    try (Simulator sim =
            GantryTestKit.simulator("rules:\n  - {match: {regex: \".\"}, echo: user}\n");
        Gateway gateway =
            Gateway.start(
                GantryTestKit.config(
                    """
                providers:
                  sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
                routes:
                  faq:
                    deployments: [{provider: sim, model: gpt-4o-mini}]
                    cache: {ttl: 1h}
                  plain:
                    deployments: [{provider: sim, model: gpt-4o-mini}]
                cost:
                  prices: [{provider: sim, model: gpt-4o-mini, input: 0.15, output: 0.60}]
                """,
                    sim),
                GantryTestKit.options().withEvents(events))) {
      HttpClient client = HttpClient.newHttpClient();
      SplittableRandom random = new SplittableRandom(15);
      Map<String, List<Double>> overhead = new LinkedHashMap<>();
      Map<String, Integer> outcomes = new LinkedHashMap<>();
      int falseHits = 0;
      long paidMicros = 0;
      // Warm-up outside the figures: loads the embedding model and JIT-compiles the paths.
      for (int i = 0; i < 200; i++) {
        ask(client, gateway, i % 2 == 0 ? "plain" : "faq", "Warm-up question number " + i + "?");
      }
      for (int i = 0; i < REQUESTS; i++) {
        double u = random.nextDouble() * sum;
        int k = 0;
        while (cdf[k] < u) {
          k++;
        }
        String id = ids.get(k);
        List<String> w = wordings.get(id);
        String question = w.get(random.nextInt(w.size()));
        if (random.nextDouble() < TAIL) {
          String base = tail.get(tailUsed % tail.size());
          id = idOf.get(base) + "#" + tailUsed;
          question = base + " (ref " + tailUsed++ + ")";
          idOf.put(question, id);
        }
        boolean plain = i % 10 == 9;
        HttpResponse<String> r = ask(client, gateway, plain ? "plain" : "faq", question);
        String outcome = plain ? "no cache" : r.headers().firstValue("x-gantry-cache").orElse("?");
        outcomes.merge(outcome, 1, Integer::sum);
        overhead
            .computeIfAbsent(outcome, o -> new ArrayList<>())
            .add(Double.parseDouble(r.headers().firstValue("x-gantry-overhead-ms").orElse("0")));
        if (plain) {
          continue;
        }
        String answer = JSON.readTree(r.body()).at("/choices/0/message/content").asText();
        if (!id.equals(idOf.get(answer))) {
          falseHits++;
        }
        paidMicros += micros(r.headers().firstValue("x-gantry-cost-usd").orElse("0"));
      }
      int cached = REQUESTS - outcomes.getOrDefault("no cache", 0);
      int hits = outcomes.getOrDefault("hit", 0) + outcomes.getOrDefault("semantic-hit", 0);
      out.add(
          String.format(
              Locale.ROOT,
              "%d requests (%d to the cached route, every 10th to a route without cache),"
                  + " %d questions x %d wordings, Zipf s=1; long tail %.0f%% (%d questions asked"
                  + " once each)",
              REQUESTS,
              cached,
              ids.size(),
              3,
              100 * TAIL,
              tailUsed));
      out.add("outcomes: " + outcomes);
      out.add(
          String.format(
              Locale.ROOT,
              "hit rate %.1f%% (exact %d, semantic %d), false hits %d",
              100.0 * hits / cached,
              outcomes.getOrDefault("hit", 0),
              outcomes.getOrDefault("semantic-hit", 0),
              falseHits));
      out.add(
          String.format(
              Locale.ROOT,
              "cost with cache USD %.6f, saved USD %.6f, without cache USD %.6f: %.1f%% saved",
              paidMicros / 1e6,
              saved.get() / 1e6,
              (paidMicros + saved.get()) / 1e6,
              100.0 * saved.get() / (paidMicros + saved.get())));
      out.add("time in Gantry (x-gantry-overhead-ms), ms:");
      overhead.forEach(
          (o, v) -> {
            v.sort(null);
            out.add(
                String.format(
                    Locale.ROOT,
                    "  %-14s n=%5d  p50 %.3f  p99 %.3f",
                    o,
                    v.size(),
                    v.get(v.size() / 2),
                    v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.99) - 1))));
          });
    }
    Files.writeString(
        Path.of("target", "cache-replay-tail" + Math.round(TAIL * 100) + ".txt"),
        String.join("\n", out) + "\n",
        StandardCharsets.UTF_8);
    System.out.println(String.join("\n", out));
  }

  static HttpResponse<String> ask(HttpClient client, Gateway g, String route, String q)
      throws Exception {
    String body =
        "{\"model\":\""
            + route
            + "\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":"
            + JSON.getNodeFactory().textNode(q)
            + "}]}";
    return client.send(
        HttpRequest.newBuilder(URI.create(g.baseUrl() + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long micros(String usd) {
    return new java.math.BigDecimal(usd).movePointRight(6).longValue();
  }
}
