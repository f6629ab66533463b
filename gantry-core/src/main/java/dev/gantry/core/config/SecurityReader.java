package dev.gantry.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code storage}, {@code auth}, {@code audit} and {@code admin}. One per load. */
final class SecurityReader {
  static final List<String> STORAGE_KEYS =
      List.of("url", "user", "password", "sync", "responses_retention");
  static final List<String> AUTH_KEYS =
      List.of("required", "server_secret", "cache_ttl", "allow_public", "jwt");
  static final List<String> JWT_KEYS =
      List.of("jwks_file", "jwks_url", "issuer", "audience", "tenant_claim", "role_claim");
  static final List<String> AUDIT_KEYS =
      List.of("enabled", "payloads", "data_keys", "data_keys_file", "redact_pii", "retention");
  static final List<String> ADMIN_KEYS = List.of("on_public_listener", "host", "port");

  private final NodeReader r;
  private final Problems problems;

  SecurityReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  SecurityConfig read(Map<String, Node> top, ServerConfig server) {
    SecurityConfig.Storage storage = storage(top.get("storage"));
    SecurityConfig.Auth auth = auth(top.get("auth"));
    SecurityConfig.Audit audit = audit(top.get("audit"));
    SecurityConfig.Admin admin = admin(top.get("admin"));
    if (!auth.required() && !auth.allowPublic() && !loopback(server.host())) {
      problems.add(
          "auth.required",
          "false with server.host "
              + server.host()
              + " would serve anyone on the network without a key; listen on 127.0.0.1, or set"
              + " auth.allow_public: true if that is really meant");
    }
    return new SecurityConfig(storage, auth, audit, admin);
  }

  static boolean loopback(String host) {
    return host.equals("127.0.0.1")
        || host.equals("localhost")
        || host.equals("::1")
        || host.equals("[::1]");
  }

  private SecurityConfig.Storage storage(Node node) {
    Map<String, Node> m = r.map(node, "storage", STORAGE_KEYS);
    if (m == null || m.isEmpty()) {
      return SecurityConfig.Storage.DEFAULTS;
    }
    String url = r.string(m.get("url"), "storage.url", null);
    if (url != null && !url.strip().startsWith("jdbc:postgresql:")) {
      problems.add(
          "storage.url",
          "'"
              + url
              + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db); leave it out"
              + " for the SQLite file in data_dir");
    }
    String user = r.string(m.get("user"), "storage.user", null);
    Text pw = r.text(m.get("password"), "storage.password", true);
    String sync = r.string(m.get("sync"), "storage.sync", "full").strip();
    if (!sync.equals("full") && !sync.equals("normal")) {
      problems.add("storage.sync", "'" + sync + "' is not allowed; allowed full, normal");
    }
    Duration retention = responsesRetention(m.get("responses_retention"));
    return new SecurityConfig.Storage(
        url == null ? null : url.strip(),
        user,
        pw == null ? null : Secret.of(pw.value()),
        !sync.equals("normal"),
        retention);
  }

  private Duration responsesRetention(Node node) {
    Duration fallback = SecurityConfig.Storage.DEFAULT_RESPONSES_RETENTION;
    Duration d = r.duration(node, "storage.responses_retention", fallback, true);
    if (d.compareTo(SecurityConfig.Storage.MIN_RESPONSES_RETENTION) < 0
        || d.compareTo(SecurityConfig.Storage.MAX_RESPONSES_RETENTION) > 0) {
      problems.add(
          "storage.responses_retention", Units.format(d) + " is out of range; allowed 1m..3650d");
      return fallback;
    }
    return d;
  }

  private SecurityConfig.Auth auth(Node node) {
    SecurityConfig.Auth d = SecurityConfig.Auth.DEFAULTS;
    Map<String, Node> m = r.map(node, "auth", AUTH_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    boolean required = r.bool(m.get("required"), "auth.required", true);
    Text secret = r.text(m.get("server_secret"), "auth.server_secret", true);
    if (secret != null
        && secret.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      problems.add("auth.server_secret", "must be at least 32 bytes long");
    }
    Duration ttl = r.duration(m.get("cache_ttl"), "auth.cache_ttl", d.cacheTtl(), true);
    if (ttl.compareTo(Duration.ofMinutes(10)) > 0) {
      problems.add(
          "auth.cache_ttl",
          Units.format(ttl) + " is out of range; allowed 0..10m (it bounds revocation delay)");
    }
    boolean allowPublic = r.bool(m.get("allow_public"), "auth.allow_public", false);
    SecurityConfig.Jwt jwt = jwt(m.get("jwt"));
    return new SecurityConfig.Auth(
        required, secret == null ? null : Secret.of(secret.value()), ttl, allowPublic, jwt);
  }

  private SecurityConfig.Jwt jwt(Node node) {
    Map<String, Node> m = r.map(node, "auth.jwt", JWT_KEYS);
    if (m == null || m.isEmpty()) {
      return null;
    }
    int before = problems.size();
    Path file = r.readableFile(m.get("jwks_file"), "auth.jwt.jwks_file", false);
    String url = r.string(m.get("jwks_url"), "auth.jwt.jwks_url", null);
    if ((file == null) == (url == null) && problems.size() == before) {
      problems.add("auth.jwt", "give exactly one of jwks_file and jwks_url");
    }
    String issuer = r.required(m.get("issuer"), "auth.jwt.issuer", "the token issuer (iss)");
    String audience =
        r.required(m.get("audience"), "auth.jwt.audience", "the expected audience (aud)");
    String tenant = r.string(m.get("tenant_claim"), "auth.jwt.tenant_claim", "tenant");
    String role = r.string(m.get("role_claim"), "auth.jwt.role_claim", "role");
    if (problems.size() > before) {
      return null;
    }
    return new SecurityConfig.Jwt(
        file, url == null ? null : URI.create(url.strip()), issuer, audience, tenant, role);
  }

  private SecurityConfig.Audit audit(Node node) {
    SecurityConfig.Audit d = SecurityConfig.Audit.DEFAULTS;
    Map<String, Node> m = r.map(node, "audit", AUDIT_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    boolean enabled = r.bool(m.get("enabled"), "audit.enabled", true);
    boolean payloads = r.bool(m.get("payloads"), "audit.payloads", false);
    Text keys = r.text(m.get("data_keys"), "audit.data_keys", true);
    Path keysFile = r.readableFile(m.get("data_keys_file"), "audit.data_keys_file", false);
    if (payloads && keys == null && keysFile == null) {
      problems.add(
          "audit.payloads",
          "storing prompts and answers needs data_keys or data_keys_file to encrypt them");
    }
    boolean redact = r.bool(m.get("redact_pii"), "audit.redact_pii", true);
    Duration retention = r.duration(m.get("retention"), "audit.retention", Duration.ZERO, true);
    return new SecurityConfig.Audit(
        enabled,
        payloads,
        keys == null ? null : Secret.of(keys.value()),
        keysFile,
        redact,
        retention);
  }

  private SecurityConfig.Admin admin(Node node) {
    SecurityConfig.Admin d = SecurityConfig.Admin.DEFAULTS;
    Map<String, Node> m = r.map(node, "admin", ADMIN_KEYS);
    if (m == null || m.isEmpty()) {
      return d;
    }
    boolean onPublic =
        r.bool(m.get("on_public_listener"), "admin.on_public_listener", d.onPublicListener());
    String host = r.string(m.get("host"), "admin.host", d.host()).strip();
    int port = r.integer(m.get("port"), "admin.port", -1, 0, 65535);
    return new SecurityConfig.Admin(onPublic, host, port);
  }
}
