package dev.gantry.rag.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats a knowledge base can ingest, recognised by file-name extension. */
public enum DocumentFormat {
  MARKDOWN(List.of(".md", ".markdown")),
  TEXT(List.of(".txt", ".text")),
  HTML(List.of(".html", ".htm")),
  PDF(List.of(".pdf"));

  private final List<String> extensions;

  DocumentFormat(List<String> extensions) {
    this.extensions = extensions;
  }

  /** File-name extensions of this format, lower case with the dot. */
  public List<String> extensions() {
    return extensions;
  }

  /** The format of a file named {@code fileName}, by its extension (any case); empty if none. */
  public static Optional<DocumentFormat> of(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (DocumentFormat f : values()) {
      for (String ext : f.extensions) {
        if (lower.endsWith(ext)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a file's bytes. Markdown and text are read as UTF-8; HTML's charset comes from its BOM
   * or {@code <meta>} (UTF-8 otherwise).
   *
   * @param bytes the whole file
   * @param fileName the file's name, used as title when the document has none
   * @throws IOException if the bytes are not a readable document of this format (a broken PDF)
   */
  public ParsedDocument parse(byte[] bytes, String fileName) throws IOException {
    switch (this) {
      case MARKDOWN:
        return MarkdownParser.parse(utf8(bytes), fileName);
      case TEXT:
        return TextParser.parse(utf8(bytes), fileName);
      case HTML:
        return HtmlParser.parse(bytes, fileName);
      case PDF:
        return PdfParser.parse(bytes, fileName);
      default:
        throw new AssertionError(this);
    }
  }

  private static String utf8(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
