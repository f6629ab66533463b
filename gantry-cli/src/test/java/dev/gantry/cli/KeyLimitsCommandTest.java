package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry keys create --rpm --tpm --concurrency} stores the limits on the key, and a gateway
 * on the same store enforces them.
 */
class KeyLimitsCommandTest {

  static String run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return code + "\n" + out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** {@code gantry keys create} for an app key of tenant acme, with {@code limits}. */
  static String create(Path config, String... limits) {
    String[] args = new String[8 + limits.length];
    String[] fixed = {
      "keys", "create", "--config", config.toString(), "--tenant", "acme", "--role", "app"
    };
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(limits, 0, args, fixed.length, limits.length);
    return run(args);
  }

  @Test
  void a_key_created_with_rpm_on_the_command_line_is_limited_by_the_gateway(@TempDir Path dir)
      throws Exception {
    try (Simulator sim = GantryTestKit.simulator()) {
      String yaml =
          GantryTestKit.simConfig("m")
              + "auth: {required: true, cache_ttl: 0s, server_secret:"
              + " server-secret-for-tests-0123456789abcdef}\n"
              + "data_dir: "
              + dir.resolve("data")
              + "\n";
      Path file = dir.resolve("gantry.yaml");
      Files.writeString(file, yaml.replace("${SIM_URL}", sim.baseUrl()));
      String[] created = create(file, "--rpm", "1", "--concurrency", "4").split("\n");
      assertThat(created[0]).isEqualTo("0");
      String key = created[1].strip();
      assertThat(create(file, "--rpm", "-3")).startsWith("2\n");
      assertThat(run("keys", "list", "--config", file.toString())).contains(" 1/0/4 ");
      try (Gateway gw = Gateway.start(GantryTestKit.config(yaml, sim), GantryTestKit.options())) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> ok =
            http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + key);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).contains("1");
        HttpResponse<String> refused =
            http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + key);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").asText())
            .isEqualTo("key_requests");
      }
    }
  }
}
