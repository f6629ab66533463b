package dev.gantry.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.rag.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentFormatTest {
  static List<String> texts(ParsedDocument doc, Block.Kind kind) {
    return doc.blocks().stream()
        .filter(b -> b.kind() == kind)
        .map(doc::textOf)
        .collect(Collectors.toList());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recognises_formats_by_extension() {
    assertThat(DocumentFormat.of("a/README.MD")).contains(DocumentFormat.MARKDOWN);
    assertThat(DocumentFormat.of("notes.txt")).contains(DocumentFormat.TEXT);
    assertThat(DocumentFormat.of("page.htm")).contains(DocumentFormat.HTML);
    assertThat(DocumentFormat.of("paper.pdf")).contains(DocumentFormat.PDF);
    assertThat(DocumentFormat.of("image.png")).isEmpty();
  }

  @Test
  void markdown_keeps_headings_as_paths_and_drops_inline_markup() throws IOException {
    String md =
        "Intro before any heading.\n\n"
            + "# User *Guide*\n\n"
            + "Read the [manual](http://x) and use `gantry run`.\n"
            + "Second line of the same paragraph.\n\n"
            + "## Install\n\n"
            + "- first item\n- second item\n\n"
            + "> quoted advice\n\n"
            + "```java\nint x = 1;\n```\n\n"
            + "Setext Heading\n--------------\n\n"
            + "Under setext. ![diagram](d.png)\n";
    ParsedDocument doc = DocumentFormat.MARKDOWN.parse(utf8(md), "guide.md");
    assertThat(doc.title()).isEqualTo("User Guide");
    assertThat(texts(doc, Block.Kind.HEADING))
        .containsExactly("User Guide", "Install", "Setext Heading");
    assertThat(texts(doc, Block.Kind.PARAGRAPH))
        .containsExactly(
            "Intro before any heading.",
            "Read the manual and use gantry run. Second line of the same paragraph.",
            "first item",
            "second item",
            "quoted advice",
            "Under setext. diagram");
    assertThat(texts(doc, Block.Kind.CODE)).containsExactly("int x = 1;");
    Block code = doc.blocks().stream().filter(b -> b.kind() == Block.Kind.CODE).findFirst().get();
    assertThat(code.headingPath()).containsExactly("User Guide", "Install");
    Block last = doc.blocks().get(doc.blocks().size() - 1);
    assertThat(last.headingPath()).containsExactly("User Guide", "Setext Heading");
    assertThat(doc.blocks().get(0).headingPath()).isEmpty();
  }

  @Test
  void markdown_without_heading_is_titled_by_its_file_name() throws IOException {
    assertThat(DocumentFormat.MARKDOWN.parse(utf8("just text"), "notes.md").title())
        .isEqualTo("notes.md");
  }

  @Test
  void plain_text_paragraphs_are_separated_by_blank_lines() throws IOException {
    ParsedDocument doc =
        DocumentFormat.TEXT.parse(
            utf8("\uFEFFFirst line\r\nstill first.\r\n\r\n  \nSecond."), "a.txt");
    assertThat(doc.title()).isEqualTo("a.txt");
    assertThat(texts(doc, Block.Kind.PARAGRAPH))
        .containsExactly("First line still first.", "Second.");
    assertThat(doc.text()).isEqualTo("First line still first.\n\nSecond.");
  }

  @Test
  void html_uses_title_headings_and_block_elements_and_drops_scripts() throws IOException {
    String html =
        "<html><head><title>Pricing</title><style>p{}</style></head><body>"
            + "<nav><a href='/'>Home</a></nav>"
            + "<h1>Plans</h1><p>The <b>basic</b> plan is free.</p>"
            + "<div>Loose text<p>Inner paragraph.</p>tail</div>"
            + "<h2>Enterprise</h2><ul><li>SSO</li><li>Audit<br>logs</li></ul>"
            + "<pre>curl -X POST\n  /v1/kb</pre><script>alert(1)</script>"
            + "</body></html>";
    ParsedDocument doc = DocumentFormat.HTML.parse(utf8(html), "pricing.html");
    assertThat(doc.title()).isEqualTo("Pricing");
    assertThat(texts(doc, Block.Kind.HEADING)).containsExactly("Plans", "Enterprise");
    assertThat(texts(doc, Block.Kind.PARAGRAPH))
        .containsExactly(
            "The basic plan is free.",
            "Loose text",
            "Inner paragraph.",
            "tail",
            "SSO",
            "Audit logs");
    assertThat(texts(doc, Block.Kind.CODE)).containsExactly("curl -X POST\n  /v1/kb");
    assertThat(doc.text()).doesNotContain("alert").doesNotContain("Home");
    Block sso = doc.blocks().stream().filter(b -> doc.textOf(b).equals("SSO")).findFirst().get();
    assertThat(sso.headingPath()).containsExactly("Plans", "Enterprise");
  }

  @Test
  void html_without_title_falls_back_to_first_heading() throws IOException {
    ParsedDocument doc = DocumentFormat.HTML.parse(utf8("<h2>Only heading</h2><p>x</p>"), "p.html");
    assertThat(doc.title()).isEqualTo("Only heading");
  }

  @Test
  void pdf_text_is_extracted_in_reading_order_with_its_metadata_title() throws IOException {
    byte[] bytes =
        TestFiles.pdf(
            "Field Manual",
            List.of(
                List.of(
                    "The pump must be primed before", "first use.", "", "Check the seals monthly."),
                List.of("Replace the filter every year.")));
    ParsedDocument doc = DocumentFormat.PDF.parse(bytes, "manual.pdf");
    assertThat(doc.title()).isEqualTo("Field Manual");
    assertThat(doc.text())
        .contains("The pump must be primed before first use.")
        .contains("Check the seals monthly.")
        .contains("Replace the filter every year.");
    assertThat(doc.text().indexOf("pump")).isLessThan(doc.text().indexOf("filter"));
    assertThat(texts(doc, Block.Kind.HEADING)).isEmpty();
  }

  @Test
  void a_broken_pdf_fails_to_parse() {
    assertThatThrownBy(() -> DocumentFormat.PDF.parse(utf8("%PDF-1.7 not really"), "x.pdf"))
        .isInstanceOf(IOException.class);
  }
}
