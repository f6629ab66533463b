package dev.gantry.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS on the listener ({@code server.tls}): a PEM certificate chain and private key, and
 * optionally client certificates (mutual TLS) checked against a PEM CA bundle.
 *
 * @param clientCa CA certificates that client certificates must chain to; null for no mTLS
 * @param clientAuth whether a client certificate is {@code required} or only {@code requested}
 *     (ignored without {@code clientCa})
 */
public record TlsConfig(Path cert, Path key, Path clientCa, ClientAuth clientAuth) {
  /** How the listener treats client certificates. */
  public enum ClientAuth {
    NONE,
    REQUEST,
    REQUIRED
  }

  public TlsConfig {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clientAuth, "clientAuth");
  }
}
