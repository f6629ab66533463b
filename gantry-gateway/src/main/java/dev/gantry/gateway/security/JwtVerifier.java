package dev.gantry.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gantry.core.config.SecurityConfig;
import dev.gantry.core.security.Principal;
import dev.gantry.core.security.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates JWT bearer tokens from an OIDC issuer with Nimbus JOSE: signature against the issuer's
 * JWKS (a file, or a URL fetched and cached by Nimbus), {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf}; the tenant and role come from configured claims. Shared and thread-safe; {@link
 * #verify} may fetch the JWKS, so call it off the event loop.
 */
public final class JwtVerifier {
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final SecurityConfig.Jwt config;

  public JwtVerifier(SecurityConfig.Jwt config) {
    this.config = config;
    JWKSource<SecurityContext> keys;
    try {
      keys =
          config.jwksFile() != null
              ? new ImmutableJWKSet<>(JWKSet.load(config.jwksFile().toFile()))
              : JWKSourceBuilder.create(config.jwksUrl().toURL()).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the JWKS: " + e.getMessage(), e);
    }
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.PS256,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384),
            keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            config.audience(),
            new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
            Set.of("sub", "exp")));
  }

  /** True when the credential has the shape of a JWT (three dot-separated parts). */
  public static boolean looksLikeJwt(String credential) {
    return credential.startsWith("eyJ") && credential.chars().filter(c -> c == '.').count() == 2;
  }

  /** The principal the token stands for, or empty when it is invalid in any way. */
  public Optional<Principal> verify(String token) {
    return verified(token).map(Verified::principal);
  }

  /**
   * A valid token's principal and the instant it stops being accepted.
   *
   * @param validUntil {@code exp} plus the clock skew the verifier tolerates
   */
  public record Verified(Principal principal, java.time.Instant validUntil) {}

  /** The principal and validity of the token, or empty when it is invalid in any way. */
  public Optional<Verified> verified(String token) {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      String tenant = claims.getStringClaim(config.tenantClaim());
      Role role = Role.parse(claims.getStringClaim(config.roleClaim()));
      if (tenant == null || tenant.isBlank() || role == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Verified(
              new Principal("jwt:" + claims.getSubject(), tenant, role, List.of(), List.of()),
              claims
                  .getExpirationTime()
                  .toInstant()
                  .plusSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS)));
    } catch (Exception invalid) {
      return Optional.empty();
    }
  }
}
