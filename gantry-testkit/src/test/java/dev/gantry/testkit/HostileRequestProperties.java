package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile API requests — odd values in every field, hostile schemas, corrupted JSON,
 * wrong content types, bad or scoped keys — sent with correct HTTP framing. Whatever they contain:
 * each gets exactly one answer; none is a 5xx; every error has the API's shape; every stream ends
 * with {@code [DONE]} or an error event; every answered, authenticated API request is in the audit
 * log; probe requests keep being served; the audit chain stays intact and the heap bounded.
 */
class HostileRequestProperties {
  static AbuseTarget target;
  static long heapBefore;
  static final AtomicLong ids = new AtomicLong();

  @BeforeContainer
  static void start() {
    target = AbuseTarget.start();
    target.probe();
    heapBefore = AbuseTarget.heapAfterGc();
  }

  @AfterContainer
  static void stop() {
    target.close();
  }

  /** One request to send. */
  record Call(
      String method, String path, String auth, String contentType, byte[] body, boolean audited) {
    @Override
    public String toString() {
      String shown = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return method + " " + path + " auth=" + auth + " type=" + contentType + " body=" + shown;
    }
  }

  @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void every_hostile_request_gets_one_well_formed_answer_and_is_audited(@ForAll("calls") Call c)
      throws Exception {
    String id = "abuse-" + ids.incrementAndGet();
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    StringBuilder head =
        new StringBuilder(c.method())
            .append(' ')
            .append(c.path())
            .append(" HTTP/1.1\r\nHost: gantry\r\nConnection: close\r\nx-request-id: ")
            .append(id)
            .append("\r\n");
    if (c.auth() != null) {
      head.append("Authorization: Bearer ").append(c.auth()).append("\r\n");
    }
    if (c.contentType() != null) {
      head.append("Content-Type: ").append(c.contentType()).append("\r\n");
    }
    if (c.method().equals("POST")) {
      head.append("Content-Length: ").append(c.body().length).append("\r\n");
    }
    req.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    if (c.method().equals("POST")) {
      req.writeBytes(c.body());
    }
    RawHttp.Reply r = RawHttp.exchange(target.base, req.toByteArray(), AbuseTarget.ANSWER_MS, 200);

    net.jqwik.api.statistics.Statistics.label("status").collect(r.status());
    assertThat(r.answered()).as("one answer to %s, got %s", c, r.outcome()).isTrue();
    assertThat(r.trailing()).as("nothing after the answer to %s", c).isEmpty();
    assertThat(r.status()).as("no 5xx for %s: %s", c, r.body()).isBetween(200, 499);
    if (r.status() >= 400) {
      AbuseTarget.hasErrorShape(r);
    }
    if ("text/event-stream".equals(r.header("content-type"))) {
      String body = r.body().strip();
      assertThat(
              body.endsWith("data: [DONE]")
                  || body.substring(body.lastIndexOf("data:")).contains("\"error\""))
          .as("stream ends with [DONE] or an error event: %s", body)
          .isTrue();
    }
    if (c.audited() && r.status() != 401) {
      target.audited(id);
    }
    if (ids.get() % 10 == 0) {
      target.probe();
    }
  }

  @AfterProperty
  void the_gateway_is_still_sound() {
    target.probe();
    target.chainIntact();
    long growth = AbuseTarget.heapAfterGc() - heapBefore;
    assertThat(growth).as("heap growth in bytes").isLessThan(512L * 1024 * 1024);
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String> auth =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(AbuseTarget.ADMIN)),
            Tuple.of(2, Arbitraries.just(target.scopedKey)),
            Tuple.of(1, Arbitraries.of("gk_nothere_xxxxxxxxxxxxxxxx", "eyJ.eyJ.sig", "x")),
            Tuple.of(1, Arbitraries.just((String) null)));
    Arbitrary<String> type =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just("application/json")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "text/plain", "application/json; charset=latin1", "application/x+json", "")));
    Arbitrary<Call> chat =
        Combinators.combine(auth, type, chatBody(), corruption())
            .as((a, t, b, k) -> post("/v1/chat/completions", a, t, k.apply(b)));
    Arbitrary<Call> embeddings =
        Combinators.combine(auth, type, field("input"), corruption())
            .as((a, t, b, k) -> post("/v1/embeddings", a, t, k.apply(b)));
    Arbitrary<Call> retrieve =
        Combinators.combine(auth, type, retrieveBody(), corruption())
            .as((a, t, b, k) -> post("/v1/retrieve", a, t, k.apply(b)));
    Arbitrary<Call> model =
        Combinators.combine(auth, HostileValues.text())
            .as(
                (a, name) ->
                    new Call(
                        "GET",
                        "/v1/models/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
                        a,
                        null,
                        new byte[0],
                        false));
    Arbitrary<Call> admin =
        Combinators.combine(auth, HostileValues.value(2), HostileValues.value(1))
            .as(
                (a, tenant, routes) -> {
                  ObjectNode b = HostileValues.NODES.objectNode();
                  b.set("tenant", tenant);
                  b.put("role", "app");
                  b.set("routes", routes);
                  return new Call(
                      "POST",
                      "/admin/keys",
                      a,
                      "application/json",
                      b.toString().getBytes(StandardCharsets.UTF_8),
                      false);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(6, chat),
        Tuple.of(1, embeddings),
        Tuple.of(2, retrieve),
        Tuple.of(1, model),
        Tuple.of(1, admin));
  }

  private static Call post(String path, String auth, String type, byte[] body) {
    boolean audited =
        auth != null && (auth.equals(AbuseTarget.ADMIN) || auth.equals(target.scopedKey));
    return new Call("POST", path, auth, type, body, audited);
  }

  static Arbitrary<ObjectNode> chatBody() {
    Arbitrary<JsonNode> model =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("m", "strict", "ask").map(HostileValues.NODES::textNode)),
            Tuple.of(1, HostileValues.value(1)));
    Arbitrary<JsonNode> content =
        Arbitraries.frequencyOf(
            Tuple.of(6, HostileValues.text().map(HostileValues.NODES::textNode)),
            Tuple.of(1, HostileValues.value(2)));
    Arbitrary<String> role =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just("user")),
            Tuple.of(1, Arbitraries.of("system", "assistant", "tool", "root", "")));
    Arbitrary<JsonNode> format =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((JsonNode) null)),
            Tuple.of(
                1,
                Arbitraries.just(
                    (JsonNode) HostileValues.NODES.objectNode().put("type", "json_object"))),
            Tuple.of(3, HostileValues.pattern().map(HostileRequestProperties::schemaWith)),
            Tuple.of(1, HostileValues.value(2)));
    Arbitrary<Tuple.Tuple2<String, JsonNode>> hostileExtra =
        Combinators.combine(
                Arbitraries.of(
                    "temperature",
                    "n",
                    "max_tokens",
                    "stream",
                    "top_p",
                    "user",
                    "seed",
                    "stop",
                    "tools",
                    "metadata",
                    "stream_options",
                    "logprobs"),
                HostileValues.value(2))
            .as(Tuple::of);
    Arbitrary<Tuple.Tuple2<String, JsonNode>> plausibleExtra =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 2).map(d -> extra("temperature", NODES.numberNode(d))),
            Arbitraries.integers().between(1, 3).map(n -> extra("n", NODES.numberNode(n))),
            Arbitraries.integers()
                .between(1, 64)
                .map(n -> extra("max_tokens", NODES.numberNode(n))),
            Arbitraries.of(true, false).map(b -> extra("stream", NODES.booleanNode(b))),
            HostileValues.text().map(t -> extra("user", NODES.textNode(t))),
            HostileValues.text().map(t -> extra("stop", NODES.textNode(t))));
    Arbitrary<Tuple.Tuple2<String, JsonNode>> extra =
        Arbitraries.frequencyOf(Tuple.of(3, plausibleExtra), Tuple.of(1, hostileExtra));
    return Combinators.combine(model, content, role, format, extra.list().ofMaxSize(3))
        .as(
            (m, c, r, f, extras) -> {
              ObjectNode b = HostileValues.NODES.objectNode();
              b.set("model", m);
              ArrayNode messages = b.putArray("messages");
              messages.addObject().put("role", r).set("content", c);
              if (f != null) {
                b.set("response_format", f);
              }
              extras.forEach(e -> b.set(e.get1(), e.get2()));
              return b;
            });
  }

  static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES = HostileValues.NODES;

  static Tuple.Tuple2<String, JsonNode> extra(String name, JsonNode value) {
    return Tuple.of(name, value);
  }

  static JsonNode schemaWith(String pattern) {
    ObjectNode format = HostileValues.NODES.objectNode().put("type", "json_schema");
    ObjectNode schema = format.putObject("json_schema").put("name", "x").putObject("schema");
    schema.put("type", "object");
    schema.putObject("properties").putObject("a").put("type", "string").put("pattern", pattern);
    schema.putObject("patternProperties").putObject(pattern);
    return format;
  }

  static Arbitrary<ObjectNode> retrieveBody() {
    return Combinators.combine(
            Arbitraries.of("kb", "model"),
            Arbitraries.frequencyOf(
                Tuple.of(
                    4,
                    Arbitraries.of("ferry", "ask", "m", "nope").map(HostileValues.NODES::textNode)),
                Tuple.of(1, HostileValues.value(1))),
            HostileValues.value(1),
            HostileValues.value(0))
        .as(
            (by, name, query, topK) -> {
              ObjectNode b = HostileValues.NODES.objectNode();
              b.set(by, name);
              b.set("query", query);
              b.set("top_k", topK);
              return b;
            });
  }

  static Arbitrary<ObjectNode> field(String name) {
    return Combinators.combine(Arbitraries.of("m", "ask", "nope"), HostileValues.value(2))
        .as(
            (m, v) -> {
              ObjectNode b = HostileValues.NODES.objectNode().put("model", m);
              b.set(name, v);
              return b;
            });
  }

  /** How the serialised body is damaged, if at all. */
  static Arbitrary<java.util.function.Function<ObjectNode, byte[]>> corruption() {
    java.util.function.Function<ObjectNode, byte[]> intact =
        b -> b.toString().getBytes(StandardCharsets.UTF_8);
    return Arbitraries.frequencyOf(
        Tuple.of(24, Arbitraries.just(intact)),
        Tuple.of(
            1,
            Arbitraries.doubles()
                .between(0, 1)
                .map(
                    f ->
                        b -> {
                          byte[] all = intact.apply(b);
                          return Arrays.copyOf(all, (int) (all.length * f));
                        })),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.bytes())
                .as(
                    (f, x) ->
                        b -> {
                          byte[] all = intact.apply(b);
                          if (all.length > 0) {
                            all[(int) ((all.length - 1) * f)] = x;
                          }
                          return all;
                        })),
        Tuple.of(
            1,
            Arbitraries.of(
                b -> new byte[0],
                b -> ("[" + b + "]").getBytes(StandardCharsets.UTF_8),
                b -> (b + b.toString()).getBytes(StandardCharsets.UTF_8),
                b -> "{\"a\":".repeat(200).getBytes(StandardCharsets.UTF_8))));
  }
}
