package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.gateway.security.SecurityRuntime;
import dev.gantry.store.Store;
import dev.gantry.store.ledger.SpendEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {
  static SpendEntry entry(String customer, String model, long micros) {
    return new SpendEntry(
        Instant.parse("2025-06-03T10:00:00Z"),
        LocalDate.of(2025, 6, 3),
        "r-" + customer + model,
        "acme",
        "key_1",
        customer,
        "chat",
        "openai",
        model,
        null,
        List.of(),
        200,
        1200,
        1024,
        0,
        80,
        0,
        micros,
        "exact",
        false,
        false,
        1,
        0);
  }

  @Test
  void reports_usage_by_customer_and_model_from_the_ledger(@TempDir Path dir) throws Exception {
    GantryConfig config =
        new GantryConfig(ServerConfig.DEFAULTS, Map.of(), Map.of()).withDataDir(dir);
    try (Store store = Store.open(SecurityRuntime.storeConfig(config, Map.of()))) {
      store.ledger().append(entry("bob", "gpt-4o-mini", 450)).join();
      store.ledger().append(entry("bob", "gpt-4o-mini", 550)).join();
      store.ledger().append(entry("eve", "o4-mini", 5_830)).join();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          Main.run(
              "usage",
              "report",
              "--data-dir",
              dir.toString(),
              "--by",
              "customer,model",
              "--from",
              "2025-06-01",
              "--to",
              "2025-07-01",
              "--format",
              "csv");
    } finally {
      System.setOut(old);
    }
    assertThat(code).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "customer,model,requests,prompt_tokens,cached_tokens,cache_write_tokens,"
                + "completion_tokens,reasoning_tokens,cost_usd,estimated,unknown,escalations,"
                + "cache_hits,tokens_saved",
            "bob,gpt-4o-mini,2,2400,2048,0,160,0,0.001000,0,0,0,0,0",
            "eve,o4-mini,1,1200,1024,0,80,0,0.005830,0,0,0,0,0");
  }
}
