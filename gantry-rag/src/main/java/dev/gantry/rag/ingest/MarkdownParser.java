package dev.gantry.rag.ingest;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Markdown (CommonMark) through commonmark-java: ATX and setext headings open sections; paragraphs,
 * list items and quoted paragraphs become paragraphs with their inline markup removed (link text
 * and image alt text kept); fenced and indented code become code blocks; raw HTML blocks contribute
 * their visible text.
 */
final class MarkdownParser {
  private static final Parser PARSER = Parser.builder().build(); // thread-safe

  private MarkdownParser() {}

  static ParsedDocument parse(String markdown, String fileName) {
    DocumentBuilder b = new DocumentBuilder();
    blocks(PARSER.parse(markdown), b);
    return b.build(b.firstHeading() != null ? b.firstHeading() : fileName);
  }

  private static void blocks(Node parent, DocumentBuilder b) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading) {
        b.heading(((Heading) n).getLevel(), inline(n));
      } else if (n instanceof Paragraph) {
        b.paragraph(inline(n));
      } else if (n instanceof FencedCodeBlock) {
        b.code(((FencedCodeBlock) n).getLiteral());
      } else if (n instanceof IndentedCodeBlock) {
        b.code(((IndentedCodeBlock) n).getLiteral());
      } else if (n instanceof HtmlBlock) {
        b.paragraph(Jsoup.parse(((HtmlBlock) n).getLiteral()).text());
      } else if (n instanceof BlockQuote || n instanceof ListBlock || n instanceof ListItem) {
        blocks(n, b);
      }
      // thematic breaks and link reference definitions carry no text
    }
  }

  private static String inline(Node node) {
    StringBuilder sb = new StringBuilder();
    inline(node, sb);
    return sb.toString();
  }

  private static void inline(Node node, StringBuilder sb) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text) {
        sb.append(((Text) n).getLiteral());
      } else if (n instanceof Code) {
        sb.append(((Code) n).getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        sb.append(' ');
      } else if (!(n instanceof HtmlInline)) {
        inline(n, sb); // emphasis, links, images (alt text)
      }
    }
  }
}
