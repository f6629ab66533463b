package dev.gantry.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ml.MiniLmEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBasesTest {
  static EmbeddingModel model;

  @TempDir Path dataDir;

  @BeforeAll
  static void loadModel() {
    model = new EmbeddingModel("all-MiniLM-L6-v2", new MiniLmEmbedder(1_000));
  }

  @Test
  void opens_one_shared_base_per_name_under_the_data_directory() throws IOException {
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      KnowledgeBase a = kbs.open("support");
      assertThat(kbs.open("support")).isSameAs(a);
      assertThat(dataDir.resolve("kb/support")).isDirectory();
      kbs.open("faq");
      assertThat(kbs.list()).containsExactly("faq", "support");
    }
  }

  @Test
  void stats_and_drop() throws IOException {
    Path docs = dataDir.resolve("docs");
    TestFiles.write(docs, "a.md", "# A\n\nAlpha is the first letter.");
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      assertThat(kbs.stats("support")).isEmpty();
      kbs.open("support").ingest(List.of(docs));
      KbStats s = kbs.stats("support").orElseThrow();
      assertThat(s.name()).isEqualTo("support");
      assertThat(s.documents()).isEqualTo(1);
      assertThat(s.chunks()).isEqualTo(1);
      assertThat(s.lastIngest()).isNotNull();

      assertThat(kbs.drop("support")).isTrue();
      assertThat(dataDir.resolve("kb/support")).doesNotExist();
      assertThat(kbs.list()).isEmpty();
      assertThat(kbs.drop("support")).isFalse();
      assertThat(kbs.open("support").stats().documents()).isZero();
    }
  }

  @Test
  void a_base_survives_a_restart_of_the_manager() throws IOException {
    Path docs = dataDir.resolve("docs");
    TestFiles.write(docs, "a.md", "# A\n\nAlpha is the first letter.");
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      kbs.open("letters").ingest(List.of(docs));
    }
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      assertThat(kbs.list()).containsExactly("letters");
      assertThat(kbs.open("letters").retrieve("first letter", 1, -1).get(0).id())
          .isEqualTo("a.md#0");
    }
  }

  @Test
  void a_closed_base_is_reopened_on_the_next_open() throws IOException {
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      KnowledgeBase first = kbs.open("x");
      first.close();
      KnowledgeBase second = kbs.open("x");
      assertThat(second).isNotSameAs(first);
      assertThat(second.isClosed()).isFalse();
    }
  }

  @Test
  void names_that_could_escape_the_directory_are_refused() throws IOException {
    Files.createDirectories(dataDir.resolve("kb").resolve("Bad Name"));
    try (KnowledgeBases kbs = new KnowledgeBases(dataDir, model, RagConfig.defaults())) {
      for (String bad : new String[] {"../etc", "a/b", "", ".hidden", "UPPER", "x".repeat(65)}) {
        assertThatThrownBy(() -> kbs.open(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(kbs.exists(bad)).isFalse();
      }
      assertThat(kbs.list()).isEmpty();
    }
  }
}
