package dev.gantry.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for tests: Debian's {@code redis-server} (found on the {@code PATH} or in
 * {@code /usr/bin}, {@code /usr/sbin}, {@code /usr/local/bin}) started on a free loopback port,
 * without persistence. It can be stopped and started again on the same port (to test what happens
 * while Redis is unreachable). Close it when done.
 */
public final class RedisServer implements AutoCloseable {
  private final Path binary;
  private final int port;
  private Process process;

  private RedisServer(Path binary, int port) {
    this.binary = binary;
    this.port = port;
  }

  /** The {@code redis-server} binary, if this machine has one. */
  public static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":/usr/bin:/usr/sbin:/usr/local/bin").split(":")) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, "redis-server");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a server on a free port; fails when there is no {@code redis-server}. */
  public static RedisServer start() {
    Path bin =
        binary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "redis-server is not installed (apt-get install redis-server)"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServer server = new RedisServer(bin, port);
    server.startAgain();
    return server;
  }

  /** Starts the server (again) on its port and waits until it answers PING. */
  public void startAgain() {
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      binary.toString(),
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers()) {
      if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
        stop();
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
  }

  /** True when the server answers PING. */
  public boolean answers() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      String line =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return "+PONG".equals(line);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends one command on a new connection and returns its reply: the text of a status, integer or
   * bulk reply ({@code INFO}, {@code CLIENT PAUSE}, {@code CONFIG RESETSTAT}…). An error reply
   * throws.
   */
  public String command(String... args) {
    StringBuilder out = new StringBuilder().append('*').append(args.length).append("\r\n");
    for (String a : args) {
      out.append('$')
          .append(a.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(a)
          .append("\r\n");
    }
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
      java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
      String line = line(in);
      switch (line.charAt(0)) {
        case '+':
        case ':':
          return line.substring(1);
        case '$':
          int n = Integer.parseInt(line.substring(1));
          if (n < 0) {
            return null;
          }
          byte[] body = new byte[n];
          in.readFully(body);
          return new String(body, StandardCharsets.UTF_8);
        default:
          throw new IllegalStateException("Redis answered " + line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(java.io.DataInputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      b.append((char) c);
    }
    in.read(); // the \n
    return b.toString();
  }

  /**
   * How many times Redis has run {@code command} (lower case, e.g. {@code evalsha}) since it
   * started or since {@code CONFIG RESETSTAT}, from {@code INFO commandstats}.
   */
  public long calls(String command) {
    String prefix = "cmdstat_" + command + ":calls=";
    for (String line : command("INFO", "commandstats").split("\r\n")) {
      if (line.startsWith(prefix)) {
        String rest = line.substring(prefix.length());
        return Long.parseLong(rest.substring(0, rest.indexOf(',')));
      }
    }
    return 0;
  }

  /** Connections open now, from {@code INFO clients} (the asking one included). */
  public long connectedClients() {
    for (String line : command("INFO", "clients").split("\r\n")) {
      if (line.startsWith("connected_clients:")) {
        return Long.parseLong(line.substring("connected_clients:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO clients has no connected_clients");
  }

  /** Stops the server (the port stays reserved for {@link #startAgain}). */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
