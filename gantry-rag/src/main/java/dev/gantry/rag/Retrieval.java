package dev.gantry.rag;

import dev.gantry.rag.text.Terms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * One query against one searcher: BM25 and/or vector candidates, fused by reciprocal rank fusion
 * (score = sum over rankers of 1 / (k + rank), ranks from 1; ties broken by embedding similarity),
 * filtered by minimum similarity, cut to topK and loaded. Stateless between calls.
 */
final class Retrieval {
  private static final class Candidate {
    final int doc;
    double bm25;
    int bm25Rank;
    int vectorRank;
    double similarity;
    double score;

    Candidate(int doc) {
      this.doc = doc;
    }
  }

  private Retrieval() {}

  static List<RetrievedChunk> run(
      IndexSearcher searcher,
      String query,
      float[] unitQuery,
      int topK,
      double minScore,
      SearchMode mode,
      RagConfig config)
      throws IOException {
    int depth = Math.max(topK, config.candidates());
    Map<Integer, Candidate> byDoc = new LinkedHashMap<>();
    if (mode != SearchMode.VECTOR) {
      ScoreDoc[] hits = ChunkIndex.bm25(searcher, query, depth);
      for (int i = 0; i < hits.length; i++) {
        Candidate c = byDoc.computeIfAbsent(hits[i].doc, Candidate::new);
        c.bm25 = hits[i].score;
        c.bm25Rank = i + 1;
      }
    }
    if (mode != SearchMode.BM25) {
      ScoreDoc[] hits = ChunkIndex.nearest(searcher, unitQuery, depth);
      for (int i = 0; i < hits.length; i++) {
        Candidate c = byDoc.computeIfAbsent(hits[i].doc, Candidate::new);
        c.vectorRank = i + 1;
      }
    }
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : byDoc.values()) {
      // computed from the stored vector for every hit, so it is the same whichever ranker found it
      float[] v = ChunkIndex.vector(searcher, c.doc);
      c.similarity = v == null ? -1 : dot(v, unitQuery);
      if (c.similarity < minScore) {
        continue;
      }
      c.score = score(c, mode, config.rrfK());
      kept.add(c);
    }
    kept.sort(
        Comparator.comparingDouble((Candidate c) -> c.score)
            .thenComparingDouble(c -> c.similarity)
            .reversed()
            .thenComparingInt(c -> c.doc));
    Set<String> queryTerms = Terms.distinct(query);
    List<RetrievedChunk> out = new ArrayList<>(Math.min(topK, kept.size()));
    for (Candidate c : kept.subList(0, Math.min(topK, kept.size()))) {
      Document d = searcher.storedFields().document(c.doc);
      String text = d.get(ChunkIndex.TEXT);
      out.add(
          new RetrievedChunk(
              d.get(ChunkIndex.ID),
              d.get(ChunkIndex.DOC),
              d.get(ChunkIndex.TITLE),
              List.of(d.getValues(ChunkIndex.HEADING)),
              d.getField(ChunkIndex.START).numericValue().intValue(),
              d.getField(ChunkIndex.END).numericValue().intValue(),
              c.score,
              c.similarity,
              c.bm25Rank,
              c.vectorRank,
              Snippets.of(text, queryTerms, config.snippetChars()),
              text));
    }
    return out;
  }

  private static double score(Candidate c, SearchMode mode, int k) {
    switch (mode) {
      case BM25:
        return c.bm25;
      case VECTOR:
        return c.similarity;
      case HYBRID:
        double s = 0;
        if (c.bm25Rank > 0) {
          s += 1.0 / (k + c.bm25Rank);
        }
        if (c.vectorRank > 0) {
          s += 1.0 / (k + c.vectorRank);
        }
        return s;
      default:
        throw new AssertionError(mode);
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
