package dev.gantry.store.audit;

import static dev.gantry.store.audit.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.Backend;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupCommitTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 500;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrent_appends_all_commit_in_batches_on_one_valid_chain(Backend backend)
      throws Exception {
    try (Store store = Store.open(backend.freshConfig(tmp))) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String tenant = "tenant-" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<CompletableFuture<Long>> mine = new ArrayList<>();
                  for (int i = 0; i < PER_THREAD; i++) {
                    mine.add(store.audit().append(request(tenant, i, "c" + i, null)));
                  }
                  List<Long> seqs = new ArrayList<>();
                  for (CompletableFuture<Long> f : mine) {
                    seqs.add(f.join());
                  }
                  return seqs;
                }));
      }
      start.countDown();
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> r : results) {
        List<Long> seqs = r.get();
        assertThat(seqs).isSorted();
        all.addAll(seqs);
      }
      pool.shutdown();

      int n = THREADS * PER_THREAD;
      assertThat(all).hasSize(n);
      assertThat(all).allMatch(s -> s >= 1 && s <= n);
      VerifyResult v = store.audit().verify();
      assertThat(v).isEqualTo(((VerifyResult.Intact) v));
      assertThat(v.checked()).isEqualTo(n);
      WriterStats stats = store.audit().stats();
      assertThat(stats.committed()).isEqualTo(n);
      assertThat(stats.failed()).isZero();
      assertThat(stats.largestBatch()).isGreaterThan(1);
      assertThat(stats.batches()).isLessThan(n);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void two_stores_on_one_database_append_to_one_chain(Backend backend) throws Exception {
    var config = backend.freshConfig(tmp);
    try (Store a = Store.open(config);
        Store b = Store.open(config)) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        futures.add((i % 2 == 0 ? a : b).audit().append(request("acme", i)));
      }
      Set<Long> seqs = new HashSet<>();
      for (CompletableFuture<Long> f : futures) {
        seqs.add(f.join());
      }
      assertThat(seqs).hasSize(300);
      VerifyResult v = b.audit().verify();
      assertThat(v).isInstanceOf(VerifyResult.Intact.class);
      assertThat(v.checked()).isEqualTo(300);
    }
  }
}
