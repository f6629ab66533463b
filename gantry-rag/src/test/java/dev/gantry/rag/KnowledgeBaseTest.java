package dev.gantry.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.time.Ticker;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
  static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static EmbeddingModel model;

  @TempDir Path tmp;
  Path docs;
  Path store;

  @BeforeAll
  static void loadModel() {
    model = new EmbeddingModel("all-MiniLM-L6-v2", new MiniLmEmbedder(5_000));
  }

  @BeforeEach
  void writeDocs() throws IOException {
    docs = tmp.resolve("docs");
    store = tmp.resolve("store");
    TestFiles.write(
        docs,
        "guide.md",
        "# Gantry Guide\n\n## Rate limits\n\nEvery API key may send at most sixty requests per"
            + " minute. Requests over the limit receive HTTP status 429.\n\n## Budgets\n\n"
            + "A monthly spending budget stops traffic once the key has spent its allowance.\n");
    TestFiles.write(
        docs,
        "sub/pricing.html",
        "<html><head><title>Pricing</title></head><body><h1>Plans</h1>"
            + "<p>The starter plan costs nothing and includes one knowledge base.</p></body></html>");
    TestFiles.write(
        docs, "notes.txt", "The office coffee machine is descaled every Friday morning.");
    TestFiles.write(
        docs,
        "manual.pdf",
        TestFiles.pdf(
            "Pump Manual",
            List.of(List.of("Prime the water pump with two litres before the first start."))));
    TestFiles.write(docs, "image.png", new byte[] {1, 2, 3});
    TestFiles.write(docs, ".drafts/secret.md", "# Secret\n\nUnreleased plans.");
  }

  KnowledgeBase open() throws IOException {
    return open(model, RagConfig.defaults(), Ticker.SYSTEM);
  }

  KnowledgeBase open(EmbeddingModel m, RagConfig config, Ticker ticker) throws IOException {
    return KnowledgeBase.open(store, "test", m, config, CLOCK, ticker);
  }

  static List<String> documents(List<RetrievedChunk> hits) {
    return hits.stream().map(RetrievedChunk::document).collect(Collectors.toList());
  }

  @Test
  void ingests_a_directory_of_mixed_formats_with_ids_relative_to_it() throws IOException {
    try (KnowledgeBase kb = open()) {
      IngestReport r = kb.ingest(List.of(docs));
      assertThat(r.added())
          .containsExactly("guide.md", "manual.pdf", "notes.txt", "sub/pricing.html");
      assertThat(r.skippedFiles()).isEqualTo(1);
      assertThat(r.failures()).isEmpty();
      assertThat(r.chunks()).isEqualTo(5); // two guide sections and one chunk per other file
      KbStats s = kb.stats();
      assertThat(s.documents()).isEqualTo(4);
      assertThat(s.chunks()).isEqualTo(5);
      assertThat(s.model()).isEqualTo("all-MiniLM-L6-v2");
      assertThat(s.dimensions()).isEqualTo(384);
      assertThat(s.lastIngest()).isEqualTo(NOW);
      long bytes = 0;
      for (String f : List.of("guide.md", "manual.pdf", "notes.txt", "sub/pricing.html")) {
        bytes += Files.size(docs.resolve(f));
      }
      assertThat(s.bytes()).isEqualTo(bytes);
    }
  }

  @Test
  void retrieves_the_chunk_that_answers_a_question() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      RetrievedChunk coffee = kb.retrieve("When is the coffee machine cleaned?", 3, -1).get(0);
      assertThat(coffee.id()).isEqualTo("notes.txt#0");
      assertThat(coffee.title()).isEqualTo("notes.txt");
      assertThat(coffee.text())
          .isEqualTo("The office coffee machine is descaled every Friday morning.");
      assertThat(coffee.snippet()).isEqualTo(coffee.text());
      assertThat(coffee.start()).isZero();
      assertThat(coffee.end()).isEqualTo(coffee.text().length());

      RetrievedChunk limits =
          kb.retrieve("how many requests per minute can a key send", 3, -1).get(0);
      assertThat(limits.id()).isEqualTo("guide.md#0");
      assertThat(limits.title()).isEqualTo("Gantry Guide");
      assertThat(limits.headingPath()).containsExactly("Gantry Guide", "Rate limits");

      RetrievedChunk price = kb.retrieve("what does the starter plan cost", 1, -1).get(0);
      assertThat(price.document()).isEqualTo("sub/pricing.html");
      assertThat(price.title()).isEqualTo("Pricing");
      assertThat(price.headingPath()).containsExactly("Plans");

      RetrievedChunk pump = kb.retrieve("priming the pump", 1, -1).get(0);
      assertThat(pump.document()).isEqualTo("manual.pdf");
      assertThat(pump.title()).isEqualTo("Pump Manual");
    }
  }

  @Test
  void hybrid_scores_are_reciprocal_rank_fusion_of_both_rankers() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      List<RetrievedChunk> hits = kb.retrieve("budget for monthly spending", 5, -1);
      assertThat(hits).hasSize(5);
      assertThat(hits.get(0).id()).isEqualTo("guide.md#1");
      assertThat(hits.get(0).bm25Rank()).isEqualTo(1);
      assertThat(hits.get(0).vectorRank()).isEqualTo(1);
      for (RetrievedChunk h : hits) {
        double expected =
            (h.bm25Rank() > 0 ? 1.0 / (60 + h.bm25Rank()) : 0)
                + (h.vectorRank() > 0 ? 1.0 / (60 + h.vectorRank()) : 0);
        assertThat(h.score()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
      }
      for (int i = 1; i < hits.size(); i++) {
        assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
      }
    }
  }

  @Test
  void single_ranker_modes_use_their_own_scores() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      List<RetrievedChunk> bm25 = kb.retrieve("coffee machine", 5, -1, SearchMode.BM25);
      assertThat(bm25).extracting(RetrievedChunk::id).containsExactly("notes.txt#0");
      assertThat(bm25.get(0).vectorRank()).isZero();
      assertThat(bm25.get(0).score()).isGreaterThan(0);
      List<RetrievedChunk> vector = kb.retrieve("coffee machine", 5, -1, SearchMode.VECTOR);
      assertThat(vector).hasSize(5);
      for (int i = 0; i < vector.size(); i++) {
        assertThat(vector.get(i).vectorRank()).isEqualTo(i + 1);
        assertThat(vector.get(i).bm25Rank()).isZero();
        assertThat(vector.get(i).score()).isEqualTo(vector.get(i).similarity());
      }
      // BM25 hits still carry the query-chunk similarity
      assertThat(bm25.get(0).similarity()).isEqualTo(vector.get(0).similarity());
    }
  }

  @Test
  void min_score_drops_chunks_less_similar_than_it() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      String exact = "The office coffee machine is descaled every Friday morning.";
      List<RetrievedChunk> hits = kb.retrieve(exact, 5, 0.95);
      assertThat(hits).extracting(RetrievedChunk::id).containsExactly("notes.txt#0");
      assertThat(hits.get(0).similarity()).isGreaterThan(0.99);
      assertThat(kb.retrieve("medieval siege warfare tactics", 5, 0.6)).isEmpty();
    }
  }

  @Test
  void reopening_the_directory_restores_the_index_and_its_stats() throws IOException {
    KbStats before;
    List<RetrievedChunk> hitsBefore;
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      before = kb.stats();
      hitsBefore = kb.retrieve("spending budget", 3, -1);
    }
    try (KnowledgeBase kb = open()) {
      assertThat(kb.stats()).isEqualTo(before);
      assertThat(kb.retrieve("spending budget", 3, -1)).isEqualTo(hitsBefore);
    }
  }

  @Test
  void reingest_skips_unchanged_replaces_changed_and_deletes_removed_files() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
      TestFiles.write(docs, "notes.txt", "The office coffee machine is now descaled on Mondays.");
      Files.delete(docs.resolve("manual.pdf"));
      TestFiles.write(docs, "new.md", "# Kettle\n\nThe kettle holds one and a half litres.");

      IngestReport r = kb.ingest(List.of(docs));
      assertThat(r.unchanged()).containsExactly("guide.md", "sub/pricing.html");
      assertThat(r.updated()).containsExactly("notes.txt");
      assertThat(r.added()).containsExactly("new.md");
      assertThat(r.removed()).containsExactly("manual.pdf");
      assertThat(r.chunks()).isEqualTo(2);

      assertThat(kb.retrieve("coffee machine", 1, -1).get(0).text()).contains("Mondays");
      assertThat(documents(kb.retrieve("water pump priming", 10, -1))).doesNotContain("manual.pdf");
      assertThat(kb.retrieve("kettle capacity", 1, -1).get(0).document()).isEqualTo("new.md");
      assertThat(kb.stats().documents()).isEqualTo(4);
      assertThat(kb.stats().chunks()).isEqualTo(5);

      IngestReport again = kb.ingest(List.of(docs));
      assertThat(again.unchanged()).hasSize(4);
      assertThat(again.chunks()).isZero();
    }
  }

  @Test
  void changed_chunk_settings_reprocess_every_document() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
    }
    try (KnowledgeBase kb = open(model, new RagConfig(128, 16, 60, 50, 32, 240), Ticker.SYSTEM)) {
      IngestReport r = kb.ingest(List.of(docs));
      assertThat(r.updated()).hasSize(4);
      assertThat(r.unchanged()).isEmpty();
    }
  }

  @Test
  void refuses_to_open_with_another_embedding_model() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs));
    }
    EmbeddingModel other = new EmbeddingModel("other-model", model.embedder());
    assertThatThrownBy(() -> open(other, RagConfig.defaults(), Ticker.SYSTEM))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("all-MiniLM-L6-v2")
        .hasMessageContaining("other-model");
    try (KnowledgeBase kb = open()) {
      assertThat(kb.stats().documents()).isEqualTo(4); // the failed open left it intact
    }
  }

  @Test
  void indexes_provider_sized_embeddings_beyond_lucenes_default_limit() throws IOException {
    EmbeddingModel wide =
        new EmbeddingModel("openai/text-embedding-3-small", new HashingEmbedder(1536));
    try (KnowledgeBase kb = open(wide, RagConfig.defaults(), Ticker.SYSTEM)) {
      kb.ingest(List.of(docs));
      assertThat(kb.stats().dimensions()).isEqualTo(1536);
    }
    try (KnowledgeBase kb = open(wide, RagConfig.defaults(), Ticker.SYSTEM)) {
      List<RetrievedChunk> hits = kb.retrieve("coffee machine descaled", 1, -1, SearchMode.VECTOR);
      assertThat(hits.get(0).id()).isEqualTo("notes.txt#0");
    }
    EmbeddingModel tooWide = new EmbeddingModel("huge", new HashingEmbedder(5000));
    assertThatThrownBy(
            () ->
                KnowledgeBase.open(
                    tmp.resolve("huge"),
                    "huge",
                    tooWide,
                    RagConfig.defaults(),
                    CLOCK,
                    Ticker.SYSTEM))
        .hasMessageContaining("5000 dimensions");
  }

  @Test
  void a_file_that_fails_to_parse_is_reported_and_the_rest_ingested() throws IOException {
    TestFiles.write(docs, "broken.pdf", "%PDF-1.7 this is not a PDF");
    try (KnowledgeBase kb = open()) {
      IngestReport r = kb.ingest(List.of(docs));
      assertThat(r.failures())
          .extracting(IngestReport.Failure::document)
          .containsExactly("broken.pdf");
      assertThat(r.added()).hasSize(4);
    }
  }

  /** An embedder that fails on a marker word, like a provider returning an error mid-ingest. */
  static final class FailingEmbedder implements Embedder {
    private final Embedder delegate;

    FailingEmbedder(Embedder delegate) {
      this.delegate = delegate;
    }

    @Override
    public int dimensions() {
      return delegate.dimensions();
    }

    @Override
    public float[] embed(String text) {
      return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      for (String t : texts) {
        if (t.contains("EXPLODE")) {
          throw new IllegalStateException("embedding service unavailable");
        }
      }
      return delegate.embedAll(texts);
    }
  }

  @Test
  void a_failed_ingest_commits_nothing() throws IOException {
    EmbeddingModel failing =
        new EmbeddingModel("all-MiniLM-L6-v2", new FailingEmbedder(model.embedder()));
    // batches of one chunk: some documents are written before the failure
    RagConfig oneByOne = new RagConfig(256, 32, 60, 50, 1, 240);
    try (KnowledgeBase kb = open(failing, oneByOne, Ticker.SYSTEM)) {
      TestFiles.write(docs, "zz-last.txt", "This one will EXPLODE.");
      assertThatThrownBy(() -> kb.ingest(List.of(docs)))
          .hasMessage("embedding service unavailable");
      assertThat(kb.stats().documents()).isZero();
      assertThat(kb.retrieve("coffee machine", 5, -1)).isEmpty();

      Files.delete(docs.resolve("zz-last.txt"));
      assertThat(kb.ingest(List.of(docs)).added()).hasSize(4);
      assertThat(kb.stats().documents()).isEqualTo(4);
    }
  }

  @Test
  void a_file_can_be_ingested_on_its_own_under_its_file_name() throws IOException {
    try (KnowledgeBase kb = open()) {
      IngestReport r = kb.ingest(List.of(docs.resolve("sub/pricing.html")));
      assertThat(r.added()).containsExactly("pricing.html");
      assertThatThrownBy(() -> kb.ingest(List.of(docs.resolve("image.png"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image.png");
      assertThatThrownBy(
              () -> kb.ingest(List.of(docs.resolve("notes.txt"), tmp.resolve("missing"))))
          .isInstanceOf(NoSuchFileException.class);
      assertThat(kb.stats().documents()).isEqualTo(1); // notes.txt was rolled back
    }
  }

  @Test
  void the_ingest_report_times_with_the_injected_ticker() throws IOException {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = () -> nanos.getAndAdd(1_500_000_000L);
    try (KnowledgeBase kb = open(model, RagConfig.defaults(), ticker)) {
      assertThat(kb.ingest(List.of(docs)).elapsed()).isEqualTo(Duration.ofMillis(1500));
    }
  }

  @Test
  void searches_run_concurrently_with_an_ingest() throws Exception {
    for (int i = 0; i < 40; i++) {
      TestFiles.write(
          docs,
          "more/fact-" + i + ".txt",
          "Fact number " + i + " concerns lighthouse keeper " + i + ".");
    }
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs.resolve("notes.txt")));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      AtomicBoolean ingesting = new AtomicBoolean(true);
      AtomicInteger searches = new AtomicInteger();
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(
            pool.submit(
                () -> {
                  while (ingesting.get() || searches.get() < 10) {
                    List<RetrievedChunk> hits = kb.retrieve("coffee machine", 3, -1);
                    assertThat(hits).isNotEmpty();
                    assertThat(hits.get(0).id()).isEqualTo("notes.txt#0");
                    searches.incrementAndGet();
                  }
                  return null;
                }));
      }
      try {
        kb.ingest(List.of(docs));
      } finally {
        ingesting.set(false);
      }
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS); // rethrows a reader's failure
      }
      pool.shutdown();
      assertThat(searches.get()).isGreaterThanOrEqualTo(10);
      assertThat(kb.retrieve("lighthouse keeper 17", 1, -1).get(0).document())
          .isEqualTo("more/fact-17.txt");
    }
  }

  @Test
  void arguments_and_lifecycle_are_checked() throws IOException {
    KnowledgeBase kb = open();
    kb.ingest(List.of(docs));
    assertThat(kb.retrieve("   ", 5, -1)).isEmpty();
    assertThatThrownBy(() -> kb.retrieve("x", 0, -1)).hasMessageContaining("topK");
    assertThatThrownBy(() -> kb.retrieve("x", 5, 1.5)).hasMessageContaining("minScore");
    assertThatThrownBy(() -> new RagConfig(256, 200, 60, 50, 32, 240))
        .hasMessageContaining("rag.overlapTokens");
    kb.close();
    kb.close();
    assertThat(kb.isClosed()).isTrue();
    assertThatThrownBy(() -> kb.retrieve("coffee", 5, -1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> kb.ingest(List.of(docs))).isInstanceOf(IllegalStateException.class);
  }
}
