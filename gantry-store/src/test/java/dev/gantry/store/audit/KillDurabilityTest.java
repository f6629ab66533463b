package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Durability;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A child JVM appends as fast as it can and prints each sequence number once its future completes;
 * the test kills it with SIGKILL mid-stream and checks that every printed record is in the chain.
 */
class KillDurabilityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void every_acknowledged_record_survives_a_sigkill(Backend backend) throws Exception {
    // SQLite at NORMAL: the weaker setting must already survive a killed process.
    StoreConfig config = backend.freshConfig(tmp).withDurability(Durability.NORMAL);
    String target = backend == Backend.SQLITE ? config.dataDir().toString() : config.jdbcUrl();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillDurabilityTest.class.getName(),
                target)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<Long> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 3_000 && (line = out.readLine()) != null) {
        acknowledged.add(Long.parseLong(line.strip()));
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(3_000);

    try (Store store = Store.open(config)) {
      VerifyResult v = store.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Intact.class);
      long head = ((VerifyResult.Intact) v).headSeq();
      assertThat(v.checked()).isEqualTo(head);
      assertThat(acknowledged).allMatch(seq -> seq >= 1 && seq <= head);
    }
  }

  /** The child: appends from 4 threads until killed, printing acknowledged sequence numbers. */
  public static void main(String[] args) throws Exception {
    StoreConfig config =
        args[0].startsWith("jdbc:")
            ? StoreConfig.postgres(args[0], null, null, Backend.SECRET)
            : StoreConfig.sqlite(Path.of(args[0]), Backend.SECRET)
                .withDurability(Durability.NORMAL);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Store store = Store.open(config);
    for (int t = 0; t < 4; t++) {
      String tenant = "t" + t;
      new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  long seq = store.audit().append(request(tenant, i % 1000)).join();
                  synchronized (out) {
                    out.println(seq);
                    out.flush();
                  }
                }
              })
          .start();
    }
  }
}
