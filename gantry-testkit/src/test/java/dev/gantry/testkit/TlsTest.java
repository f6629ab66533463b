package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.sim.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on the listener, client certificates, and verified TLS to upstreams. */
class TlsTest {
  @TempDir static Path dir;
  static TestCerts certs;
  static Simulator sim;
  static Simulator tlsSim;

  static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @BeforeAll
  static void start() throws Exception {
    certs = new TestCerts(dir);
    sim = GantryTestKit.simulator();
    tlsSim =
        Simulator.start(
            SimulatorOptions.defaults()
                .withScenario(Scenario.instant())
                .withTls(certs.serverCert, certs.serverKey));
  }

  @AfterAll
  static void stop() {
    sim.close();
    tlsSim.close();
  }

  static Gateway gateway(String server, String providerUrl, String providerExtra)
      throws ConfigException {
    String yaml =
        "server:\n  port: 0\n"
            + server
            + "providers:\n  p:\n    type: openai_compatible\n    base_url: "
            + providerUrl
            + "/v1\n"
            + providerExtra
            + "routes:\n  m: {deployments: [{provider: p, model: m}]}\n";
    ConfigLoader.parse(yaml, Map.of(), "tls.yaml");
    return GantryTestKit.gateway(GantryTestKit.config(yaml, Map.of()));
  }

  static HttpResponse<String> post(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_listener_serves_https_from_pem_files() throws Exception {
    String tls = "  tls: {cert: " + certs.serverCert + ", key: " + certs.serverKey + "}\n";
    try (Gateway g = gateway(tls, sim.baseUrl(), "")) {
      assertThat(g.baseUrl()).startsWith("https://");
      HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext(false)).build();
      assertThat(post(client, g.baseUrl()).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> post(HttpClient.newHttpClient(), g.baseUrl()))
          .as("a client that does not trust the certificate")
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void mutual_tls_refuses_clients_without_a_certificate() throws Exception {
    String tls =
        "  tls: {cert: "
            + certs.serverCert
            + ", key: "
            + certs.serverKey
            + ", client_ca: "
            + certs.caCert
            + ", client_auth: required}\n";
    try (Gateway g = gateway(tls, sim.baseUrl(), "")) {
      HttpClient with = HttpClient.newBuilder().sslContext(certs.clientContext(true)).build();
      assertThat(post(with, g.baseUrl()).statusCode()).isEqualTo(200);
      HttpClient without = HttpClient.newBuilder().sslContext(certs.clientContext(false)).build();
      assertThatThrownBy(() -> post(without, g.baseUrl())).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void an_upstream_certificate_is_verified_against_the_configured_ca() throws Exception {
    try (Gateway g = gateway("", tlsSim.baseUrl(), "    ca_file: " + certs.caCert + "\n")) {
      assertThat(post(HttpClient.newHttpClient(), g.baseUrl()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void an_untrusted_upstream_certificate_is_refused() throws Exception {
    tlsSim.clearReceived();
    try (Gateway g = gateway("", tlsSim.baseUrl(), "")) {
      HttpResponse<String> r = post(HttpClient.newHttpClient(), g.baseUrl());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(tlsSim.received()).isEmpty();
    }
  }

  @Test
  void missing_pem_files_are_reported_with_their_path() {
    assertThatThrownBy(
            () ->
                gateway(
                    "  tls: {cert: /nonexistent/c.pem, key: /nonexistent/k.pem}\n", "http://h", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.tls.cert: '/nonexistent/c.pem' is not a readable file");
  }
}
