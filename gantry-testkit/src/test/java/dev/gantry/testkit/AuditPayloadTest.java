package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored prompts and answers are PII-redacted, then encrypted; nothing readable is on disk. */
class AuditPayloadTest {
  @TempDir Path dir;

  @Test
  void prompts_are_stored_redacted_and_encrypted_only_when_configured() throws Exception {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    try (Simulator sim =
            GantryTestKit.simulator("rules:\n  - match: {contains: \"echo\"}\n    echo: user\n");
        Gateway g =
            GantryTestKit.gateway(
                "data_dir: "
                    + dir
                    + "\naudit: {enabled: true, payloads: true, data_keys: \"k1:"
                    + key
                    + "\", redact_pii: true}\n"
                    + GantryTestKit.simConfig("m"),
                sim)) {
      String secret = "carla.mendes@example.org";
      var r =
          new HttpTestClient(g.baseUrl())
              .postJson(
                  "/v1/chat/completions",
                  "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"echo write to "
                      + secret
                      + "\"}]}",
                  "x-request-id",
                  "payload-1");
      assertThat(r.statusCode()).isEqualTo(200);
      var audit = g.security().store().audit();
      List<AuditEntry> entries =
          audit.list(AuditQuery.allTenants(Instant.EPOCH, Instant.now().plusSeconds(60), 100));
      AuditEntry mine =
          entries.stream()
              .filter(
                  e -> e.record() instanceof RequestRecord rr && rr.requestId().equals("payload-1"))
              .findFirst()
              .orElseThrow();
      assertThat(mine.hasPayload()).isTrue();
      String payload = audit.readPayload("default", mine.seq()).orElseThrow();
      assertThat(payload).contains("[EMAIL_1]").doesNotContain(secret);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(
                  new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(f.toString())
              .doesNotContain(secret)
              .doesNotContain("write to");
        }
      }
    }
  }
}
