package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The header deadline holds for every request on a keep-alive connection, and connections are
 * capped in all and per client address.
 */
class ConnectionLimitsTest {
  static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

  static Gateway start(String serverYaml) {
    return Gateway.start(
        GantryTestKit.config(
            GantryTestKit.simConfig("m").replace("server:\n  port: 0\n", serverYaml),
            java.util.Map.of("SIM_URL", "http://127.0.0.1:9")),
        GantryTestKit.options());
  }

  /** True when the server closes the connection within {@code millis}. */
  static boolean closedWithin(Socket s, long millis) throws IOException {
    s.setSoTimeout((int) millis);
    try {
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // drain whatever is left of earlier answers
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void a_client_trickling_the_headers_of_its_second_request_is_disconnected() throws Exception {
    try (Gateway gw = start("server:\n  port: 0\n  body_timeout: 1s\n")) {
      URI base = URI.create(gw.baseUrl());
      try (Socket s = RawHttp.open(base, 10_000)) {
        OutputStream out = s.getOutputStream();
        out.write(HEALTH.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawHttp.Reply first = RawHttp.read(s.getInputStream());
        assertThat(first.status()).isEqualTo(200);
        out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        boolean closed = false;
        // one header byte every 200 ms: never a complete header section
        for (int i = 0; i < 50 && !closed; i++) {
          try {
            out.write('X');
            out.flush();
          } catch (IOException gone) {
            closed = true;
            break;
          }
          closed = closedWithin(s, 200);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(closed).as("closed after %d ms", ms).isTrue();
        assertThat(ms).isLessThan(8_000);
      }
    }
  }

  @Test
  void an_idle_keep_alive_connection_is_closed_after_the_header_deadline() throws Exception {
    try (Gateway gw = start("server:\n  port: 0\n  body_timeout: 1s\n")) {
      try (Socket s = RawHttp.open(URI.create(gw.baseUrl()), 10_000)) {
        s.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
        assertThat(closedWithin(s, 8_000)).isTrue();
      }
    }
  }

  @Test
  void connections_beyond_max_connections_are_closed_and_the_others_keep_working()
      throws Exception {
    try (Gateway gw =
        start("server:\n  port: 0\n  max_connections: 8\n  max_connections_per_ip: 0\n")) {
      URI base = URI.create(gw.baseUrl());
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = RawHttp.open(base, 10_000);
          s.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
          assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
          held.add(s);
        }
        try (Socket extra = RawHttp.open(base, 10_000)) {
          assertThat(closedWithin(extra, 5_000)).as("the ninth connection is closed").isTrue();
        }
        Socket first = held.get(0);
        first.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.read(first.getInputStream()).status()).isEqualTo(200);
        held.remove(0).close();
        // a slot is free again once the server has seen the close
        boolean accepted = false;
        for (int attempt = 0; attempt < 50 && !accepted; attempt++) {
          RawHttp.Reply r = RawHttp.send(base, HEALTH, 5_000);
          accepted = r.answered() && r.status() == 200;
          if (!accepted) {
            Thread.sleep(100);
          }
        }
        assertThat(accepted).isTrue();
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void one_client_address_gets_at_most_max_connections_per_ip() throws Exception {
    try (Gateway gw = start("server:\n  port: 0\n  max_connections_per_ip: 4\n")) {
      URI base = URI.create(gw.baseUrl());
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = RawHttp.open(base, 10_000);
          s.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
          assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
          held.add(s);
        }
        try (Socket extra = RawHttp.open(base, 10_000)) {
          assertThat(closedWithin(extra, 5_000)).as("the fifth connection is closed").isTrue();
        }
        Socket other = new Socket();
        try {
          other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
          other.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        } catch (IOException noSecondLoopbackAddress) {
          other.close();
          Assumptions.abort("this machine cannot connect from 127.0.0.2");
        }
        try (Socket s = other) {
          s.setSoTimeout(10_000);
          s.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
          assertThat(RawHttp.read(s.getInputStream()).status())
              .as("another address is still served")
              .isEqualTo(200);
        }
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
