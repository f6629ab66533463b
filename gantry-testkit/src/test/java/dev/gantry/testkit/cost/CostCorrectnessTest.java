package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCosted;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of real requests through Gantry to the simulator speaking each provider's wire format,
 * with every token class the providers report: the expected figure is worked out here by hand from
 * the usage the client receives and the published prices (written out below, not read from the
 * catalog), and must equal {@code x-gantry-cost-usd} to the micro-dollar. Each row is printed as
 * the table in {@code bench/RESULTS.md}.
 */
class CostCorrectnessTest {
  // USD per million tokens, as published (see the catalog's sources)
  static final String[] GPT_4O_MINI = {"0.15", "0.075", "0.60"}; // input, cached input, output
  static final String[] O4_MINI = {"1.10", "0.275", "4.40"};
  static final String[] AZURE_GPT_4O = {"2.50", "1.25", "10.00"};
  // input, cache write 5m, cache write 1h, cache read, output
  static final String[] SONNET_45 = {"3.00", "3.75", "6.00", "0.30", "15.00"};

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static final java.util.concurrent.CompletableFuture<RequestCosted> broken =
      new java.util.concurrent.CompletableFuture<>();
  static final String LONG = "The quarterly report covers revenue, costs and outlook. ".repeat(120);

  @BeforeAll
  static void start() {
    sim =
        GantryTestKit.simulator(
            "reasoning_tokens: {o4-mini: 200}\n"
                + "default_reply: \"The answer is forty-two, as computed.\"\n"
                + "faults:\n  - {type: reset, after_chunks: 3, rate: 1, models: [broken-stream]}\n");
    EventBus events = new EventBus();
    events.subscribe(
        RequestCosted.class,
        e -> {
          if (e.route().equals("broken")) {
            broken.complete(e);
          }
        });
    gateway =
        Gateway.start(
            GantryTestKit.config(
                """
                providers:
                  oai: {type: openai, base_url: "${SIM_URL}/v1", api_key: sk-sim}
                  az: {type: azure, base_url: "${SIM_URL}", api_key: az-sim, api_version: 2024-10-21}
                  ant: {type: anthropic, base_url: "${SIM_URL}", api_key: ak-sim}
                  local: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
                routes:
                  mini: {deployments: [{provider: oai, model: gpt-4o-mini}]}
                  reasoner: {deployments: [{provider: oai, model: o4-mini}]}
                  azure-4o: {deployments: [{provider: az, model: gpt-4o}]}
                  sonnet: {deployments: [{provider: ant, model: claude-sonnet-4-5}]}
                  unpriced: {deployments: [{provider: local, model: mystery-model}]}
                  broken: {deployments: [{provider: local, model: broken-stream}]}
                cost:
                  prices:
                    - {provider: local, model: broken-stream, input: 1.00, output: 2.00}
                """,
                sim),
            GantryTestKit.options().withEvents(events));
    http = new HttpTestClient(gateway.baseUrl());
    System.out.println(
        "| provider | route | token classes (from the usage the client got) | expected by hand"
            + " (USD) | Gantry (USD) |");
    System.out.println("|---|---|---|---|---|");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static HttpResponse<String> chat(String body) {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  static String user(String route, String text) {
    return "{\"model\":\""
        + route
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.toString(Json.MAPPER.getNodeFactory().textNode(text))
        + "}]}";
  }

  /** A long shared system prompt (what prompt caches are for) and a new question. */
  static String withSystem(String route, String question) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", route);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", LONG);
    messages.addObject().put("role", "user").put("content", question);
    return Json.toString(body);
  }

  /** Sum of tokens x USD-per-million, exact, rounded half-up once to micro-dollars. */
  static BigDecimal byHand(long[] tokens, String[] prices) {
    BigDecimal perMillion = BigDecimal.ZERO;
    for (int i = 0; i < tokens.length; i++) {
      perMillion =
          perMillion.add(new BigDecimal(prices[i]).multiply(BigDecimal.valueOf(tokens[i])));
    }
    return perMillion.divide(BigDecimal.valueOf(1_000_000)).setScale(6, RoundingMode.HALF_UP);
  }

  static JsonNode usage(HttpResponse<String> r) {
    return Json.tryParse(r.body().getBytes(StandardCharsets.UTF_8)).path("usage");
  }

  static void row(String provider, String route, String classes, BigDecimal expected, String got) {
    System.out.println(
        "| "
            + provider
            + " | "
            + route
            + " | "
            + classes
            + " | "
            + expected.toPlainString()
            + " | "
            + got
            + " |");
    assertThat(got).as(route + " " + classes).isEqualTo(expected.toPlainString());
  }

  @Test
  void openai_plain_cached_and_reasoning_tokens_are_priced_exactly() {
    HttpResponse<String> plain = chat(user("mini", "What is the answer?"));
    JsonNode u = usage(plain);
    long prompt = u.get("prompt_tokens").asLong();
    long out = u.get("completion_tokens").asLong();
    row(
        "OpenAI",
        "gpt-4o-mini",
        "input " + prompt + ", output " + out,
        byHand(new long[] {prompt, 0, out}, GPT_4O_MINI),
        plain.headers().firstValue("x-gantry-cost-usd").orElseThrow());

    chat(withSystem("mini", "First question?"));
    HttpResponse<String> cached = chat(withSystem("mini", "Second question?"));
    u = usage(cached);
    prompt = u.get("prompt_tokens").asLong();
    long hit = u.path("prompt_tokens_details").path("cached_tokens").asLong();
    out = u.get("completion_tokens").asLong();
    assertThat(hit).as("the simulated cache is read").isGreaterThanOrEqualTo(1024);
    row(
        "OpenAI",
        "gpt-4o-mini",
        "input "
            + (prompt - hit)
            + " + cached input "
            + hit
            + " (part of prompt_tokens "
            + prompt
            + "), output "
            + out,
        byHand(new long[] {prompt - hit, hit, out}, GPT_4O_MINI),
        cached.headers().firstValue("x-gantry-cost-usd").orElseThrow());

    HttpResponse<String> reasoning = chat(user("reasoner", "Think hard: what is 6 x 7?"));
    u = usage(reasoning);
    prompt = u.get("prompt_tokens").asLong();
    out = u.get("completion_tokens").asLong();
    long thought = u.path("completion_tokens_details").path("reasoning_tokens").asLong();
    assertThat(thought).isEqualTo(200);
    row(
        "OpenAI",
        "o4-mini",
        "input "
            + prompt
            + ", output "
            + (out - thought)
            + " + reasoning "
            + thought
            + " (part of completion_tokens "
            + out
            + ", billed as output)",
        byHand(new long[] {prompt, 0, out}, O4_MINI),
        reasoning.headers().firstValue("x-gantry-cost-usd").orElseThrow());
  }

  @Test
  void azure_cached_tokens_are_priced_at_the_cached_rate() {
    chat(withSystem("azure-4o", "Azure, first?"));
    HttpResponse<String> r = chat(withSystem("azure-4o", "Azure, second?"));
    JsonNode u = usage(r);
    long prompt = u.get("prompt_tokens").asLong();
    long hit = u.path("prompt_tokens_details").path("cached_tokens").asLong();
    long out = u.get("completion_tokens").asLong();
    assertThat(hit).isGreaterThanOrEqualTo(1024);
    row(
        "Azure OpenAI",
        "gpt-4o (Global)",
        "input " + (prompt - hit) + " + cached input " + hit + ", output " + out,
        byHand(new long[] {prompt - hit, hit, out}, AZURE_GPT_4O),
        r.headers().firstValue("x-gantry-cost-usd").orElseThrow());
  }

  static String anthropicCached(String ttl, String question) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", "sonnet");
    ArrayNode messages = body.putArray("messages");
    ObjectNode system = messages.addObject().put("role", "system");
    ObjectNode part = system.putArray("content").addObject();
    part.put("type", "text").put("text", LONG);
    ObjectNode mark = part.putObject("cache_control").put("type", "ephemeral");
    if (ttl != null) {
      mark.put("ttl", ttl);
    }
    messages.addObject().put("role", "user").put("content", question);
    return Json.toString(body);
  }

  @Test
  void anthropic_cache_writes_per_ttl_and_reads_are_priced_apart_and_never_twice() {
    HttpResponse<String> plain = chat(user("sonnet", "Hello there"));
    JsonNode u = usage(plain);
    long prompt = u.get("prompt_tokens").asLong();
    long out = u.get("completion_tokens").asLong();
    row(
        "Anthropic",
        "claude-sonnet-4-5",
        "input " + prompt + ", output " + out,
        byHand(new long[] {prompt, 0, 0, 0, out}, SONNET_45),
        plain.headers().firstValue("x-gantry-cost-usd").orElseThrow());

    HttpResponse<String> write = chat(anthropicCached(null, "First question?"));
    u = usage(write);
    long written = u.get("cache_creation_input_tokens").asLong();
    long w5 = u.path("cache_creation").path("ephemeral_5m_input_tokens").asLong();
    prompt = u.get("prompt_tokens").asLong();
    out = u.get("completion_tokens").asLong();
    assertThat(w5).isEqualTo(written).isGreaterThan(1000);
    row(
        "Anthropic",
        "claude-sonnet-4-5",
        "input " + (prompt - written) + " + 5-minute cache write " + written + ", output " + out,
        byHand(new long[] {prompt - written, written, 0, 0, out}, SONNET_45),
        write.headers().firstValue("x-gantry-cost-usd").orElseThrow());

    HttpResponse<String> read = chat(anthropicCached(null, "Second question?"));
    u = usage(read);
    long hit = u.get("cache_read_input_tokens").asLong();
    assertThat(u.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(hit);
    prompt = u.get("prompt_tokens").asLong();
    out = u.get("completion_tokens").asLong();
    assertThat(hit).isEqualTo(written);
    row(
        "Anthropic",
        "claude-sonnet-4-5",
        "input "
            + (prompt - hit)
            + " + cache read "
            + hit
            + " (Anthropic reports it apart; "
            + "prompt_tokens "
            + prompt
            + " includes it once), output "
            + out,
        byHand(new long[] {prompt - hit, 0, 0, hit, out}, SONNET_45),
        read.headers().firstValue("x-gantry-cost-usd").orElseThrow());

    HttpResponse<String> hour = chat(anthropicCached("1h", "Third question, hour-long cache?"));
    u = usage(hour);
    long w1 = u.path("cache_creation").path("ephemeral_1h_input_tokens").asLong();
    prompt = u.get("prompt_tokens").asLong();
    out = u.get("completion_tokens").asLong();
    assertThat(w1).isGreaterThan(1000);
    row(
        "Anthropic",
        "claude-sonnet-4-5",
        "input " + (prompt - w1) + " + 1-hour cache write " + w1 + ", output " + out,
        byHand(new long[] {prompt - w1, 0, w1, 0, out}, SONNET_45),
        hour.headers().firstValue("x-gantry-cost-usd").orElseThrow());
  }

  @Test
  void a_stream_carries_its_cost_in_the_final_usage_chunk() {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"sonnet\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    String last =
        r.body().lines().filter(l -> l.contains("\"usage\":{")).reduce((a, b) -> b).orElseThrow();
    JsonNode u =
        Json.tryParse(last.substring("data: ".length()).getBytes(StandardCharsets.UTF_8))
            .path("usage");
    long prompt = u.get("prompt_tokens").asLong();
    long out = u.get("completion_tokens").asLong();
    BigDecimal expected = byHand(new long[] {prompt, 0, 0, 0, out}, SONNET_45);
    row(
        "Anthropic (stream)",
        "claude-sonnet-4-5",
        "input " + prompt + ", output " + out + " (usage.cost of the last chunk)",
        expected,
        new BigDecimal(u.get("cost").asText())
            .setScale(6, RoundingMode.UNNECESSARY)
            .toPlainString());
  }

  @Test
  void an_unknown_model_has_an_unknown_cost_never_zero() {
    HttpResponse<String> r = chat(user("unpriced", "Hi"));
    assertThat(r.headers().firstValue("x-gantry-cost-usd")).isEmpty();
    assertThat(r.headers().firstValue("x-gantry-cost-unknown")).contains("true");
  }

  @Test
  void a_stream_that_breaks_is_priced_from_gantrys_own_count_and_marked_estimated()
      throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"broken\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story\"}]}");
    assertThat(r.body()).contains("\"error\"");
    // the event follows the end of the request, which may come just after the client's last byte
    RequestCosted e = broken.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(e.cost().status()).isEqualTo(dev.gantry.core.cost.Cost.Status.ESTIMATED);
    assertThat(e.cost().micros()).isPositive();
  }
}
