package dev.gantry.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Storage, authentication, audit and the admin API ({@code storage}, {@code auth}, {@code audit},
 * {@code admin} in {@code gantry.yaml}). Immutable. Changes take effect on restart.
 */
public record SecurityConfig(Storage storage, Auth auth, Audit audit, Admin admin) {
  public static final SecurityConfig DEFAULTS =
      new SecurityConfig(Storage.DEFAULTS, Auth.DEFAULTS, Audit.DEFAULTS, Admin.DEFAULTS);

  public SecurityConfig {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(admin, "admin");
  }

  /**
   * Where keys and the audit log live.
   *
   * @param url a {@code jdbc:postgresql:} URL, or null for the SQLite file in {@code data_dir}
   * @param fullSync SQLite: fsync every commit (survives power loss) rather than only surviving a
   *     crash of the process
   * @param responsesRetention how long a stored Responses API response (the state behind {@code
   *     previous_response_id}) is kept, in the database or in memory; within {@link
   *     #MIN_RESPONSES_RETENTION}..{@link #MAX_RESPONSES_RETENTION}
   */
  public record Storage(
      String url, String user, Secret password, boolean fullSync, Duration responsesRetention) {
    /** {@code storage.responses_retention} when not set: as long as OpenAI keeps responses. */
    public static final Duration DEFAULT_RESPONSES_RETENTION = Duration.ofDays(30);

    public static final Duration MIN_RESPONSES_RETENTION = Duration.ofMinutes(1);
    public static final Duration MAX_RESPONSES_RETENTION = Duration.ofDays(3650);

    public static final Storage DEFAULTS =
        new Storage(null, null, null, true, DEFAULT_RESPONSES_RETENTION);

    public Storage(String url, String user, Secret password, boolean fullSync) {
      this(url, user, password, fullSync, DEFAULT_RESPONSES_RETENTION);
    }

    public Storage {
      java.util.Objects.requireNonNull(responsesRetention, "responsesRetention");
      if (responsesRetention.compareTo(MIN_RESPONSES_RETENTION) < 0
          || responsesRetention.compareTo(MAX_RESPONSES_RETENTION) > 0) {
        throw new IllegalArgumentException(
            "storage.responses_retention: "
                + Units.format(responsesRetention)
                + " is out of range; allowed 1m..3650d");
      }
    }
  }

  /**
   * Who may call.
   *
   * @param required false lets every request through as an anonymous admin (loopback only unless
   *     {@code allowPublic})
   * @param serverSecret the HMAC key API keys are stored under; null: generated once and kept in
   *     {@code <data_dir>/server-secret}
   * @param cacheTtl how long a checked key is remembered: the longest a revocation takes to reach
   *     every replica
   * @param allowPublic with {@code required: false}, listen beyond loopback anyway
   * @param jwt bearer tokens from an OIDC issuer, or null
   */
  public record Auth(
      boolean required, Secret serverSecret, Duration cacheTtl, boolean allowPublic, Jwt jwt) {
    public static final Auth DEFAULTS = new Auth(true, null, Duration.ofSeconds(5), false, null);

    public Auth {
      Objects.requireNonNull(cacheTtl, "cacheTtl");
    }
  }

  /**
   * JWT bearer tokens validated against an issuer's keys.
   *
   * @param jwksFile a JWKS file, or null
   * @param jwksUrl a JWKS URL, or null (exactly one of the two)
   * @param tenantClaim claim holding the tenant
   * @param roleClaim claim holding the role (admin, operator, developer, app)
   */
  public record Jwt(
      Path jwksFile,
      URI jwksUrl,
      String issuer,
      String audience,
      String tenantClaim,
      String roleClaim) {
    public Jwt {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(tenantClaim, "tenantClaim");
      Objects.requireNonNull(roleClaim, "roleClaim");
      if ((jwksFile == null) == (jwksUrl == null)) {
        throw new IllegalArgumentException("exactly one of jwks_file and jwks_url is required");
      }
    }
  }

  /**
   * The audit log.
   *
   * @param enabled one hash-chained record per request, committed before its response completes
   * @param payloads also store prompts and answers, encrypted with {@code dataKeys}
   * @param dataKeys {@code id:base64key,...} (first is active), or null
   * @param dataKeysFile a file holding the same, or null
   * @param redactPii replace PII with placeholders before storing payloads
   * @param retention records older than this are purged; zero keeps everything
   */
  public record Audit(
      boolean enabled,
      boolean payloads,
      Secret dataKeys,
      Path dataKeysFile,
      boolean redactPii,
      Duration retention) {
    public static final Audit DEFAULTS = new Audit(true, false, null, null, true, Duration.ZERO);

    public Audit {
      Objects.requireNonNull(retention, "retention");
    }
  }

  /**
   * Where the admin API ({@code /admin/...}) is served.
   *
   * @param onPublicListener also serve it on the main listener
   * @param host interface of the separate admin listener
   * @param port port of the separate admin listener; -1 for none, 0 for any free port
   */
  public record Admin(boolean onPublicListener, String host, int port) {
    public static final Admin DEFAULTS = new Admin(false, "127.0.0.1", -1);
  }
}
