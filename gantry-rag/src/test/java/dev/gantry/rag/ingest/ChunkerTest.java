package dev.gantry.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.tokens.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  static final TokenCounter TOKENS = TokenCounter.defaultCounter();

  static ParsedDocument markdown(String md) throws IOException {
    return DocumentFormat.MARKDOWN.parse(md.getBytes(StandardCharsets.UTF_8), "test.md");
  }

  /** Sentence number i of a synthetic text, each about 12 tokens. */
  static String sentence(int i) {
    return "Sentence number " + i + " talks about the weather in a small mountain village.";
  }

  static String paragraph(int from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      sb.append(sentence(i)).append(' ');
    }
    return sb.toString().trim();
  }

  @Test
  void a_short_section_is_one_chunk_under_its_heading() throws IOException {
    ParsedDocument doc = markdown("# Guide\n\n## Install\n\nRun the installer. Then restart.\n");
    List<Chunk> chunks = new Chunker(256, 32, TOKENS).chunk(doc);
    assertThat(chunks).hasSize(1);
    Chunk c = chunks.get(0);
    assertThat(c.text()).isEqualTo("Run the installer. Then restart.");
    assertThat(c.headingPath()).containsExactly("Guide", "Install");
    assertThat(doc.text().substring(c.start(), c.end())).isEqualTo(c.text());
    assertThat(c.tokens()).isEqualTo(TOKENS.count(c.text()));
  }

  @Test
  void chunks_never_cross_a_heading() throws IOException {
    ParsedDocument doc =
        markdown("# A\n\nAlpha text here.\n\n## B\n\nBeta text here.\n\n# C\n\nGamma text here.\n");
    List<Chunk> chunks = new Chunker(256, 0, TOKENS).chunk(doc);
    assertThat(chunks)
        .extracting(Chunk::text)
        .containsExactly("Alpha text here.", "Beta text here.", "Gamma text here.");
    assertThat(chunks)
        .extracting(Chunk::headingPath)
        .containsExactly(List.of("A"), List.of("A", "B"), List.of("C"));
    assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1, 2);
  }

  @Test
  void long_sections_are_packed_within_the_token_limit_with_overlap() throws IOException {
    ParsedDocument doc = markdown("# Long\n\n" + paragraph(0, 60) + "\n");
    List<Chunk> chunks = new Chunker(64, 16, TOKENS).chunk(doc);
    assertThat(chunks.size()).isGreaterThan(10);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertThat(TOKENS.count(c.text())).isLessThanOrEqualTo(64);
      assertThat(doc.text().substring(c.start(), c.end())).isEqualTo(c.text());
      if (i > 0) {
        Chunk prev = chunks.get(i - 1);
        assertThat(c.start()).as("chunk %d overlaps the previous one", i).isLessThan(prev.end());
        assertThat(c.start()).isGreaterThan(prev.start());
        String repeated = doc.text().substring(c.start(), prev.end());
        assertThat(TOKENS.count(repeated)).isLessThanOrEqualTo(16);
      }
    }
    // every sentence is in some chunk, whole
    for (int i = 0; i < 60; i++) {
      String s = sentence(i);
      assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains(s));
    }
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(doc.text().length());
  }

  @Test
  void without_overlap_chunks_tile_the_section() throws IOException {
    ParsedDocument doc = markdown(paragraph(0, 30));
    List<Chunk> chunks = new Chunker(64, 0, TOKENS).chunk(doc);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).start()).isGreaterThan(chunks.get(i - 1).end());
    }
  }

  @Test
  void prefers_to_end_a_chunk_at_a_paragraph_boundary() throws IOException {
    // two paragraphs of 3 sentences (~40 tokens each); a 100-token chunk could take 7 sentences
    ParsedDocument doc =
        markdown(paragraph(0, 3) + "\n\n" + paragraph(3, 3) + "\n\n" + paragraph(6, 3));
    List<Chunk> chunks = new Chunker(100, 0, TOKENS).chunk(doc);
    assertThat(chunks.get(0).text()).endsWith(sentence(5));
    assertThat(chunks.get(1).text()).startsWith(sentence(6));
  }

  @Test
  void a_sentence_longer_than_the_limit_is_cut_between_words() throws IOException {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      words.append("word").append(i).append(' ');
    }
    ParsedDocument doc = markdown(words.toString());
    List<Chunk> chunks = new Chunker(32, 0, TOKENS).chunk(doc);
    assertThat(chunks.size()).isGreaterThan(5);
    for (Chunk c : chunks) {
      assertThat(c.tokens()).isLessThanOrEqualTo(32);
      assertThat(c.text()).doesNotStartWith(" ").doesNotEndWith(" ");
      assertThat(c.text().split(" ")).allSatisfy(w -> assertThat(w).matches("word\\d+"));
    }
  }

  @Test
  void code_blocks_are_split_by_lines() throws IOException {
    StringBuilder code = new StringBuilder("```\n");
    for (int i = 0; i < 40; i++) {
      code.append("int value").append(i).append(" = compute(").append(i).append(");\n");
    }
    code.append("```\n");
    List<Chunk> chunks = new Chunker(64, 0, TOKENS).chunk(markdown(code.toString()));
    assertThat(chunks.size()).isGreaterThan(1);
    for (Chunk c : chunks) {
      assertThat(c.text()).startsWith("int value").endsWith(");");
    }
  }

  @Test
  void settings_are_checked() {
    assertThatThrownBy(() -> new Chunker(8, 0, TOKENS)).hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> new Chunker(64, 40, TOKENS)).hasMessageContaining("overlapTokens");
  }
}
