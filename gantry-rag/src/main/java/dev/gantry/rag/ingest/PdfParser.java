package dev.gantry.rag.ingest;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF through PDFBox: text in reading order (sorted by position), paragraphs as PDFBox detects them
 * from line spacing and indentation. PDFs carry no reliable heading structure, so there are no
 * headings; the title is the document's metadata title, else the file name. Encrypted PDFs that
 * need a password fail to parse.
 */
final class PdfParser {
  private static final String PARAGRAPH_END = "\n\u2029\n";

  private PdfParser() {}

  static ParsedDocument parse(byte[] bytes, String fileName) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      stripper.setLineSeparator("\n");
      stripper.setParagraphEnd(PARAGRAPH_END);
      String text = stripper.getText(pdf);
      DocumentBuilder b = new DocumentBuilder();
      for (String paragraph : text.split("\u2029|\n\\s*\n")) {
        b.paragraph(dehyphenate(paragraph));
      }
      PDDocumentInformation info = pdf.getDocumentInformation();
      String title = info == null || info.getTitle() == null ? "" : info.getTitle().strip();
      return b.build(title.isEmpty() ? fileName : title);
    }
  }

  /** Joins words broken across lines ("exam-\nple" becomes "example"). */
  private static String dehyphenate(String paragraph) {
    return paragraph.replaceAll("(\\p{Ll})-\n(\\p{Ll})", "$1$2");
  }
}
