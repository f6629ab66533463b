package dev.gantry.rag.ingest;

/** Plain text: paragraphs are separated by blank lines; there are no headings. */
final class TextParser {
  private TextParser() {}

  static ParsedDocument parse(String text, String fileName) {
    DocumentBuilder b = new DocumentBuilder();
    for (String paragraph : text.replace("\r\n", "\n").split("\n\\s*\n")) {
      b.paragraph(paragraph);
    }
    return b.build(fileName);
  }
}
