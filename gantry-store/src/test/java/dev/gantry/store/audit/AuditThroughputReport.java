package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.request;

import dev.gantry.store.Backend;
import dev.gantry.store.Durability;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures audit appends per second with group commit; prints, asserts nothing. Not part of the
 * normal build (its name does not end in Test). Run it with:
 *
 * <pre>
 * mvn -B -o verify -pl gantry-store -Dtest=AuditThroughputReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read {@code gantry-store/target/audit-throughput.txt}. Each scenario runs once to warm up,
 * then once measured. "clients" append one record each and wait for its commit before the next
 * (like concurrent gateway requests); "pipelined" producers fire all their appends and wait at the
 * end.
 */
class AuditThroughputReport {
  @TempDir Path tmp;

  private final List<String> lines = new ArrayList<>();

  @Test
  void report() throws Exception {
    line(
        String.format(
            "%-11s %-6s %-26s %9s %12s %10s",
            "backend", "sync", "scenario", "records", "records/s", "mean batch"));
    for (Backend backend : Backend.values()) {
      for (Durability d :
          backend == Backend.SQLITE ? Durability.values() : new Durability[] {Durability.FULL}) {
        StoreConfig config =
            backend.freshConfig(tmp).withDurability(d).withAuditQueue(100_000, 500);
        String sync = backend == Backend.SQLITE ? d.name() : "on";
        run(config, backend, sync, "1 client, sequential", 1, 1_000, true);
        run(config, backend, sync, "64 clients, sequential", 64, 300, true);
        run(config, backend, sync, "8 producers, pipelined", 8, 5_000, false);
      }
    }
    Files.write(Path.of("target", "audit-throughput.txt"), lines);
  }

  private void run(
      StoreConfig config,
      Backend backend,
      String sync,
      String scenario,
      int threads,
      int perThread,
      boolean waitEach)
      throws Exception {
    try (Store store = Store.open(config)) {
      measure(store, threads, Math.max(50, perThread / 5), waitEach); // warm-up
      WriterStats before = store.audit().stats();
      long t0 = System.nanoTime();
      measure(store, threads, perThread, waitEach);
      double seconds = (System.nanoTime() - t0) / 1e9;
      WriterStats after = store.audit().stats();
      long n = after.committed() - before.committed();
      double batch = (double) n / (after.batches() - before.batches());
      line(
          String.format(
              "%-11s %-6s %-26s %9d %12.0f %10.1f",
              backend, sync, scenario, n, n / seconds, batch));
      if (!waitEach) {
        long v0 = System.nanoTime();
        long checked = store.audit().verify().checked();
        line(
            String.format(
                "%-11s %-6s %-26s %9d %12.0f %10s",
                backend,
                sync,
                "verify (whole chain)",
                checked,
                checked / ((System.nanoTime() - v0) / 1e9),
                "-"));
      }
    }
  }

  private static void measure(Store store, int threads, int perThread, boolean waitEach)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String tenant = "t" + t;
      done.add(
          pool.submit(
              () -> {
                List<CompletableFuture<Long>> pending = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  CompletableFuture<Long> f =
                      store.audit().append(request(tenant, i, "c" + i, null));
                  if (waitEach) {
                    f.join();
                  } else {
                    pending.add(f);
                  }
                }
                pending.forEach(CompletableFuture::join);
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private void line(String s) throws IOException {
    System.out.println(s);
    lines.add(s);
  }
}
