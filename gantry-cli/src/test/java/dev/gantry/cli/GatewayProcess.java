package dev.gantry.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gantry serve} in a child JVM on this test's class path, told to listen on port 0; its
 * output goes to a log file from which the chosen port is read. Closing it stops the process.
 */
final class GatewayProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Gantry listening on https?://[^ ]+:(\\d+) ");
  private static final Duration START_BOUND = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private int port;

  private GatewayProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code gantry serve --config config} with {@code env} added to this environment. */
  static GatewayProcess start(Path log, Path config, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.gantry.cli.Main");
    command.addAll(List.of("serve", "--config", config.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new GatewayProcess(pb.start(), log);
  }

  /** Waits until the gateway listens and answers {@code /readyz}; fails if it exits first. */
  GatewayProcess awaitReady() throws Exception {
    if (!poll(START_BOUND, () -> port() > 0)) {
      throw new AssertionError("the gateway did not start: " + output());
    }
    if (!poll(START_BOUND, () -> get("/readyz").statusCode() == 200)) {
      throw new AssertionError("the gateway did not become ready: " + output());
    }
    return this;
  }

  /** The port the gateway listens on (0 until its log says). */
  int port() {
    if (port == 0) {
      if (!process.isAlive()) {
        throw new AssertionError("the gateway exited: " + output());
      }
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    return port;
  }

  /** What the process printed so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Waits for the process to exit, at most {@code bound}; its exit code, or null if it runs on. */
  Integer exitCode(Duration bound) throws InterruptedException {
    return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks {@code condition} every 50 ms until it holds or {@code bound} passes; connection errors
   * count as "not yet".
   */
  static boolean poll(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (java.io.UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
