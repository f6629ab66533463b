package dev.gantry.rag.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * HTML through jsoup: {@code h1}–{@code h6} open sections, {@code pre} is code, every other
 * block-level element ends a paragraph, and inline elements contribute their text. Scripts, styles,
 * templates, forms' controls and navigation are dropped. The title is {@code <title>}, else the
 * first heading, else the file name.
 */
final class HtmlParser {
  private static final Set<String> SKIPPED =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "head",
          "nav",
          "svg",
          "button",
          "select",
          "textarea",
          "iframe",
          "object");
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "li",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "blockquote",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "td",
          "th",
          "caption",
          "figure",
          "figcaption",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "aside",
          "address",
          "details",
          "summary",
          "hr",
          "form",
          "fieldset",
          "body");

  private HtmlParser() {}

  static ParsedDocument parse(byte[] bytes, String fileName) throws IOException {
    Document doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
    DocumentBuilder b = new DocumentBuilder();
    StringBuilder inline = new StringBuilder();
    walk(doc.body(), b, inline);
    flush(b, inline);
    String title = doc.title().strip();
    if (title.isEmpty()) {
      title = b.firstHeading() != null ? b.firstHeading() : fileName;
    }
    return b.build(title);
  }

  private static void walk(Element parent, DocumentBuilder b, StringBuilder inline) {
    for (Node n : parent.childNodes()) {
      if (n instanceof TextNode) {
        inline.append(((TextNode) n).getWholeText());
      } else if (n instanceof Element) {
        Element e = (Element) n;
        String tag = e.normalName();
        if (SKIPPED.contains(tag)) {
          continue;
        }
        if (tag.length() == 2
            && tag.charAt(0) == 'h'
            && tag.charAt(1) >= '1'
            && tag.charAt(1) <= '6') {
          flush(b, inline);
          b.heading(tag.charAt(1) - '0', e.text());
        } else if (tag.equals("pre")) {
          flush(b, inline);
          b.code(e.wholeText());
        } else if (tag.equals("br")) {
          inline.append(' ');
        } else if (BLOCKS.contains(tag)) {
          flush(b, inline);
          walk(e, b, inline);
          flush(b, inline);
        } else {
          walk(e, b, inline);
        }
      }
    }
  }

  private static void flush(DocumentBuilder b, StringBuilder inline) {
    if (inline.length() > 0) {
      b.paragraph(inline.toString());
      inline.setLength(0);
    }
  }
}
