package dev.gantry.testkit.bench;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Time to the first streamed text through Gantry, sequential requests, a simulator that streams at
 * once: a route without output checks, one with cheap output checks (PII, canary) and one that adds
 * the safety check's model, each window checked on the worker pool. Arguments: requests per route
 * per round [300], rounds [2]. Prints p50/p99 per route and round.
 */
public final class StreamFirstTokenBenchmark {
  private StreamFirstTokenBenchmark() {}

  static final String ANSWER =
      "Gateways sit on the hot path of every request, so each added millisecond is paid by every"
          + " user of every application behind them. A guardrail that checks streamed text must"
          + " see a window before it lets the window go, and that wait is what is measured here,"
          + " window by window, until the answer ends.";

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (Simulator sim =
        GantryTestKit.simulator("chunk_tokens: 2\ndefault_reply: \"" + ANSWER + "\"\n")) {
      String out = "      stream_window_chars: 200\n      output:\n";
      String yaml =
          "server:\n  port: 0\n"
              + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
              + "routes:\n"
              + "  plain:\n    deployments: [{provider: sim, model: m}]\n"
              + "  cheap:\n    deployments: [{provider: sim, model: m}]\n    guardrails:\n"
              + out
              + "        - {check: pii, action: redact}\n"
              + "        - {check: canary, action: block}\n"
              + "  model:\n    deployments: [{provider: sim, model: m}]\n    guardrails:\n"
              + out
              + "        - {check: pii, action: redact}\n"
              + "        - {check: safety, action: block}\n";
      Gateway gateway = GantryTestKit.gateway(yaml, sim);
      HttpClient http = HttpClient.newHttpClient();
      try {
        for (String route : new String[] {"plain", "cheap", "model"}) {
          measure(http, gateway.baseUrl(), route, n / 3);
        }
        for (int r = 0; r < rounds; r++) {
          for (String route : new String[] {"plain", "cheap", "model"}) {
            long[] t = measure(http, gateway.baseUrl(), route, n);
            Arrays.sort(t);
            System.out.printf(
                Locale.ROOT,
                "round %d %-6s first text p50 %6.2f ms  p99 %6.2f ms%n",
                r + 1,
                route,
                t[n / 2] / 1e6,
                t[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
          }
        }
      } finally {
        gateway.close();
      }
    }
  }

  static long[] measure(HttpClient http, String base, String route, int n) throws Exception {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\""
                          + route
                          + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                          + "\"Tell me about gateways, request "
                          + i
                          + ".\"}]}"))
              .build();
      long t0 = System.nanoTime();
      HttpResponse<java.io.InputStream> r =
          http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("data: {")
              && line.contains("\"content\":\"")
              && !line.contains("\"content\":\"\"")) {
            out[i] = System.nanoTime() - t0;
            break;
          }
        }
        while (in.readLine() != null) {
          // drain the rest of the stream
        }
      }
    }
    return out;
  }
}
