package dev.gantry.rag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files for ingest tests, written for real (PDFs by PDFBox). */
public final class TestFiles {
  private TestFiles() {}

  /**
   * A PDF with one page per list of lines; an empty line leaves a wider gap (a new paragraph).
   *
   * @param title the metadata title, or null for none
   */
  public static byte[] pdf(String title, List<List<String>> pages) {
    try (PDDocument pdf = new PDDocument()) {
      if (title != null) {
        pdf.getDocumentInformation().setTitle(title);
      }
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (List<String> lines : pages) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
          out.beginText();
          out.setFont(font, 12);
          out.setLeading(16);
          out.newLineAtOffset(72, 700);
          for (String line : lines) {
            if (line.isEmpty()) {
              out.newLineAtOffset(0, -24);
            } else {
              out.showText(line);
              out.newLine();
            }
          }
          out.endText();
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      pdf.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code dir/relative}, creating folders. */
  public static Path write(Path dir, String relative, String text) throws IOException {
    return write(dir, relative, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Path write(Path dir, String relative, byte[] bytes) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }
}
