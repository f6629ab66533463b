package dev.gantry.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The listening side ({@code server} in {@code gantry.yaml}).
 *
 * @param host interface to bind
 * @param port TCP port, 0 for any free port
 * @param maxBodyBytes largest request body accepted, in bytes (larger gets 413)
 * @param bodyTimeout longest time a client may take to send its whole request (408 after)
 * @param requestTimeout longest time one client request may take end to end (504 after)
 * @param reloadInterval how often the config file is checked for changes; zero disables reload
 * @param tls HTTPS settings, or null for plain HTTP
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    Duration bodyTimeout,
    Duration requestTimeout,
    Duration reloadInterval,
    TlsConfig tls) {
  public static final ServerConfig DEFAULTS =
      new ServerConfig(
          "127.0.0.1",
          8080,
          4L * 1024 * 1024,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Duration.ofSeconds(2),
          null);

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be 0..65535, was " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException(
          "server.max_body_bytes must be >= 1024, was " + maxBodyBytes);
    }
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host, newPort, maxBodyBytes, bodyTimeout, requestTimeout, reloadInterval, tls);
  }
}
