package dev.gantry.rag.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English term analysis: Lucene's {@link EnglishAnalyzer} (standard tokenizer, possessives removed,
 * lower case, English stop words, Porter stemmer). The same analyzer indexes the BM25 field, so
 * terms produced here match indexed terms. Stateless and thread-safe.
 */
public final class Terms {
  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  private Terms() {}

  /** The analyzer behind {@link #of}; shared, thread-safe, never close it. */
  public static Analyzer analyzer() {
    return ANALYZER;
  }

  /** The analysed terms of {@code text}, in order, repeats kept. */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return out;
  }

  /** The distinct analysed terms of {@code text}, in order of first occurrence. */
  public static Set<String> distinct(String text) {
    return new LinkedHashSet<>(of(text));
  }
}
