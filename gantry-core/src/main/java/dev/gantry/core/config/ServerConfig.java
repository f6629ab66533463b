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
 * @param maxConnections most client connections open at once; more are closed as they arrive
 * @param maxConnectionsPerIp most connections open at once from one client address; 0 for no limit
 * @param region the gateway's own region ({@code server.region}), or null; routes prefer
 *     deployments of this region and fail over to others
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    Duration bodyTimeout,
    Duration requestTimeout,
    Duration reloadInterval,
    TlsConfig tls,
    int maxConnections,
    int maxConnectionsPerIp,
    String region) {
  /** Default of {@code server.max_connections}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  /** Default of {@code server.max_connections_per_ip}. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1_000;

  /** Largest accepted {@code server.max_connections} (and per-address limit). */
  public static final int MAX_CONNECTIONS = 1_000_000;

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
    if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "server.max_connections must be 1.." + MAX_CONNECTIONS + ", was " + maxConnections);
    }
    if (maxConnectionsPerIp < 0 || maxConnectionsPerIp > MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "server.max_connections_per_ip must be 0.."
              + MAX_CONNECTIONS
              + " (0: no limit), was "
              + maxConnectionsPerIp);
    }
    if (region != null && region.isBlank()) {
      throw new IllegalArgumentException("server.region must not be empty");
    }
  }

  /** A listener in no named region. */
  public ServerConfig(
      String host,
      int port,
      long maxBodyBytes,
      Duration bodyTimeout,
      Duration requestTimeout,
      Duration reloadInterval,
      TlsConfig tls,
      int maxConnections,
      int maxConnectionsPerIp) {
    this(
        host,
        port,
        maxBodyBytes,
        bodyTimeout,
        requestTimeout,
        reloadInterval,
        tls,
        maxConnections,
        maxConnectionsPerIp,
        null);
  }

  /** A listener with the default connection limits. */
  public ServerConfig(
      String host,
      int port,
      long maxBodyBytes,
      Duration bodyTimeout,
      Duration requestTimeout,
      Duration reloadInterval,
      TlsConfig tls) {
    this(
        host,
        port,
        maxBodyBytes,
        bodyTimeout,
        requestTimeout,
        reloadInterval,
        tls,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_CONNECTIONS_PER_IP);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host,
        newPort,
        maxBodyBytes,
        bodyTimeout,
        requestTimeout,
        reloadInterval,
        tls,
        maxConnections,
        maxConnectionsPerIp,
        region);
  }
}
