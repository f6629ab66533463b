package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT bearer tokens from an OIDC issuer, validated against its JWKS. */
class JwtAuthTest {
  @TempDir static Path dir;
  static RSAKey key;
  static RSAKey stranger;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    sim = GantryTestKit.simulator();
    String yaml =
        "data_dir: "
            + dir.resolve("data")
            + "\nauth:\n  required: true\n  server_secret: jwt-test-server-secret-0123456789abcdef\n"
            + "  jwt: {jwks_file: "
            + jwks
            + ", issuer: https://issuer.example, audience: gantry, tenant_claim: org, role_claim:"
            + " gantry_role}\n"
            + GantryTestKit.simConfig("m");
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options()
                .withEnv(Map.of("GANTRY_ADMIN_KEY", "jwt-test-admin-key-0123456789abcdef")));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String token(RSAKey signer, String audience, String role, long expiresInSeconds)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer("https://issuer.example")
                .audience(audience)
                .subject("user-7")
                .claim("org", "acme")
                .claim("gantry_role", role)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000))
                .build());
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  static int chat(String token) {
    return http.postJson("/v1/chat/completions", CHAT, "authorization", "Bearer " + token)
        .statusCode();
  }

  @Test
  void a_valid_token_with_a_calling_role_is_accepted() throws Exception {
    assertThat(chat(token(key, "gantry", "app", 60))).isEqualTo(200);
  }

  @Test
  void tokens_with_a_wrong_signature_audience_or_expiry_are_refused() throws Exception {
    assertThat(chat(token(stranger, "gantry", "app", 60))).isEqualTo(401);
    assertThat(chat(token(key, "someone-else", "app", 60))).isEqualTo(401);
    assertThat(chat(token(key, "gantry", "app", -120))).isEqualTo(401);
  }

  @Test
  void the_role_claim_decides_what_the_token_may_do() throws Exception {
    assertThat(chat(token(key, "gantry", "operator", 60))).isEqualTo(403);
    assertThat(chat(token(key, "gantry", "emperor", 60))).isEqualTo(401);
  }
}
