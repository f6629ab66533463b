package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * Generated protocol abuse over raw sockets: odd methods and request targets, percent-escapes,
 * header injection and folding, conflicting or lying lengths, broken chunked framing, truncated and
 * binary bodies. Every connection is answered or closed within {@link AbuseTarget#ANSWER_MS}, never
 * left hanging; every answer (bytes past a request's framing are a further, pipelined request with
 * its own answer) is complete; none is a 5xx except Vert.x's own 501 for an HTTP version it does
 * not speak; every Gantry error has the API's shape; probes keep being served.
 */
class ProtocolAbuseProperties {
  static AbuseTarget target;

  @BeforeContainer
  static void start() {
    target = AbuseTarget.start();
  }

  @AfterContainer
  static void stop() {
    target.close();
  }

  /**
   * One raw request, and whether its request line names a well-formed protocol version Vert.x does
   * not speak (Vert.x itself answers those 501, before any handler).
   */
  record Raw(String text, boolean oddVersion) {
    @Override
    public String toString() {
      return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
  }

  @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void every_connection_ends_with_one_answer_or_a_close(@ForAll("requests") Raw raw)
      throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            target.base,
            raw.text().getBytes(StandardCharsets.ISO_8859_1),
            AbuseTarget.ANSWER_MS,
            200);
    net.jqwik.api.statistics.Statistics.label("outcome")
        .collect(r.answered() ? Integer.toString(r.status()) : r.outcome().name());
    assertThat(r.outcome()).as("%s", raw).isNotEqualTo(RawHttp.Outcome.SILENT);
    if (!r.answered()) {
      return;
    }
    // Bytes after a request's framing are the next request on the connection; each answer,
    // the first and any later one, must be complete and well formed.
    List<RawHttp.Reply> answers = new java.util.ArrayList<>(List.of(r));
    answers.addAll(r.following());
    for (RawHttp.Reply a : answers) {
      assertThat(a.answered()).as("complete answers to %s", raw).isTrue();
      if (a.status() == 501 && raw.oddVersion()) {
        continue;
      }
      assertThat(a.status()).as("%s -> %s", raw, a).isBetween(200, 499);
      if (a.status() >= 400) {
        AbuseTarget.hasErrorShape(a);
      }
    }
  }

  @AfterProperty
  void the_gateway_still_serves() {
    target.probe();
    target.chainIntact();
  }

  @Provide
  Arbitrary<Raw> requests() {
    Arbitrary<String> method =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("GET", "POST")),
            Tuple.of(1, Arbitraries.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT")),
            Tuple.of(
                1, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12)),
            Tuple.of(1, Arbitraries.of("G\u0000T", "GET POST", "get", "")));
    Arbitrary<String> known =
        Arbitraries.of(
            "/v1/chat/completions",
            "/v1/embeddings",
            "/v1/retrieve",
            "/v1/models",
            "/healthz",
            "/admin/keys",
            "/admin/usage",
            "*",
            "http://evil.example/v1/models",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/v1/models/%C0%AF",
            "//admin//keys");
    Arbitrary<String> escaped =
        Combinators.combine(
                Arbitraries.of("/v1/models/", "/admin/usage?tenant=", "/healthz?x=", "/v1/"),
                Arbitraries.strings()
                    .withChars('%', '0', 'f', 'z', 'G', '/', '?', '#', '&', '=', '+', '.', ' ')
                    .ofMaxLength(30))
            .as((a, b) -> a + b);
    Arbitrary<String> path =
        Arbitraries.frequencyOf(
            Tuple.of(8, known),
            Tuple.of(4, escaped),
            Tuple.of(1, Arbitraries.just("/" + "u".repeat(10_000))));
    Arbitrary<Tuple.Tuple2<String, Boolean>> version =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(Tuple.of("HTTP/1.1", false))),
            Tuple.of(2, Arbitraries.just(Tuple.of("HTTP/1.0", false))),
            Tuple.of(
                1,
                Arbitraries.of(
                    Tuple.of("HTTP/2.0", true),
                    Tuple.of("HTTP/9.9", true),
                    Tuple.of("HTTP/1", false),
                    Tuple.of("", false),
                    Tuple.of("HTTPS/1.1", true))));
    Arbitrary<List<String>> headers =
        Arbitraries.frequencyOf(
                Tuple.of(
                    16,
                    Arbitraries.of(
                        "Host: gantry",
                        "Authorization: Bearer " + AbuseTarget.ADMIN,
                        "Authorization: Bearer " + target.scopedKey,
                        "Content-Type: application/json",
                        "Connection: close",
                        "Expect: 100-continue",
                        "Accept-Encoding: gzip")),
                Tuple.of(
                    2,
                    Arbitraries.of(
                        "Content-Length: 0",
                        "Content-Length: 5",
                        "Content-Length: 99999999999999999999",
                        "Content-Length: -1",
                        "Content-Length: abc",
                        "Content-Length: 5, 7",
                        "Transfer-Encoding: chunked",
                        "Transfer-Encoding: gzip, chunked",
                        "Transfer-Encoding: chunked\r\nContent-Length: 3",
                        "Host: a\r\nHost: b",
                        "X-Folded: a\r\n b",
                        "X-Null: a\u0000b",
                        "X-Bare-Cr: a\rb",
                        "Bad Header: x",
                        ": empty-name",
                        "x-request-id: \u00ff\u00fe",
                        "x-gantry-customer: " + "c".repeat(5_000))),
                Tuple.of(1, Arbitraries.just("X-Huge: " + "h".repeat(40_000))))
            .list()
            .ofMaxSize(8);
    Arbitrary<String> body =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("")),
            Tuple.of(
                3,
                Arbitraries.of(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "5\r\nhello\r\n0\r\n\r\n",
                    "ZZ\r\nabc\r\n0\r\n\r\n",
                    "5\r\nab\r\n0\r\n\r\n",
                    "ffffffffffffffff\r\nx\r\n",
                    "0\r\nTrailer: x\r\n\r\n",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\u00c0\u0080\"}]}")),
            Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300)));
    return Combinators.combine(method, path, version, headers, body)
        .as(
            (m, p, v, h, b) -> {
              StringBuilder s = new StringBuilder(m).append(' ').append(p);
              if (!v.get1().isEmpty()) {
                s.append(' ').append(v.get1());
              }
              s.append("\r\n");
              h.forEach(x -> s.append(x).append("\r\n"));
              return new Raw(s.append("\r\n").append(b).toString(), v.get2());
            });
  }
}
