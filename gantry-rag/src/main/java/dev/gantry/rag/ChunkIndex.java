package dev.gantry.rag;

import dev.gantry.rag.ingest.Chunk;
import dev.gantry.rag.text.Terms;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene side of a knowledge base. One index holds two kinds of Lucene documents: a chunk (BM25
 * text field analysed with English rules, heading field, unit-length embedding in a {@code
 * DOT_PRODUCT} vector field, stored offsets) and one source record per ingested file (content hash,
 * root, size). Both carry the document id, so replacing or deleting a file is one atomic update by
 * term. Knowledge-base metadata (model, dimensions, last ingest) lives in the commit's user data,
 * so it is committed together with the chunks.
 *
 * <p>Writes are not synchronised here (the knowledge base serialises ingests); searches through
 * {@link #acquire()} are thread-safe and see the last commit.
 */
final class ChunkIndex implements Closeable {
  static final String KIND = "kind";
  static final String DOC = "doc";
  static final String ID = "id";
  static final String TITLE = "title";
  static final String HEADING = "heading";
  static final String HEADINGS_TEXT = "headings";
  static final String START = "start";
  static final String END = "end";
  static final String TEXT = "text";
  static final String VECTOR = "vector";
  static final String ROOT = "root";
  static final String HASH = "hash";
  static final String PIPELINE = "pipeline";
  static final String BYTES = "bytes";
  static final String CHUNKS = "chunks";

  static final String MODEL_KEY = "gantry.model";
  static final String DIMENSIONS_KEY = "gantry.dimensions";
  static final String LAST_INGEST_KEY = "gantry.lastIngestMillis";

  private static final String CHUNK_KIND = "chunk";
  private static final String SOURCE_KIND = "source";
  private static final float HEADING_BOOST = 0.5f;
  private static final int MAX_QUERY_TERMS = 256;

  /** What the index remembers about one ingested file. */
  record Source(
      String document, String root, String hash, String pipeline, long bytes, int chunks) {}

  private final Directory directory;
  private final Map<String, String> meta;
  private IndexWriter writer;
  private final SearcherManager searchers;

  private ChunkIndex(Directory directory, Map<String, String> meta) throws IOException {
    this.directory = directory;
    this.meta = new HashMap<>(meta);
    this.writer = newWriter();
    this.searchers = new SearcherManager(directory, null);
  }

  /**
   * Opens the index in {@code path}, creating it for {@code model} if absent.
   *
   * @throws IllegalStateException if it was built with another model or vector length
   */
  static ChunkIndex open(Path path, String model, int dimensions) throws IOException {
    if (dimensions < 1 || dimensions > WideVectorCodec.MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "embedding model "
              + model
              + " has "
              + dimensions
              + " dimensions; supported: 1 to "
              + WideVectorCodec.MAX_DIMENSIONS);
    }
    Directory dir = FSDirectory.open(path);
    try {
      if (DirectoryReader.indexExists(dir)) {
        Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
        String builtWith = data.get(MODEL_KEY);
        String dims = data.get(DIMENSIONS_KEY);
        if (!model.equals(builtWith) || !String.valueOf(dimensions).equals(dims)) {
          throw new IllegalStateException(
              "knowledge base at "
                  + path.getFileName()
                  + " was built with embedding model "
                  + builtWith
                  + " ("
                  + dims
                  + " dimensions), not "
                  + model
                  + " ("
                  + dimensions
                  + "); drop it and ingest again");
        }
        return new ChunkIndex(dir, data);
      }
      Map<String, String> data =
          Map.of(MODEL_KEY, model, DIMENSIONS_KEY, String.valueOf(dimensions));
      try (IndexWriter w = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE))) {
        w.setLiveCommitData(data.entrySet());
        w.commit();
      }
      return new ChunkIndex(dir, data);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    IndexWriterConfig c = new IndexWriterConfig(Terms.analyzer());
    c.setOpenMode(mode);
    c.setCommitOnClose(false);
    c.setCodec(new WideVectorCodec());
    return c;
  }

  private IndexWriter newWriter() throws IOException {
    return new IndexWriter(directory, config(IndexWriterConfig.OpenMode.APPEND));
  }

  /** Metadata of the last commit: model, dimensions, last ingest time. */
  Map<String, String> meta() {
    return Map.copyOf(meta);
  }

  static Document chunkDocument(String document, String title, Chunk chunk, float[] unitVector) {
    Document d = new Document();
    d.add(new StringField(KIND, CHUNK_KIND, Field.Store.NO));
    d.add(new StringField(DOC, document, Field.Store.YES));
    d.add(new StringField(ID, document + "#" + chunk.ordinal(), Field.Store.YES));
    d.add(new StoredField(TITLE, title));
    for (String h : chunk.headingPath()) {
      d.add(new StoredField(HEADING, h));
    }
    d.add(
        new TextField(
            HEADINGS_TEXT, title + "\n" + String.join("\n", chunk.headingPath()), Field.Store.NO));
    d.add(new StoredField(START, chunk.start()));
    d.add(new StoredField(END, chunk.end()));
    d.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
    d.add(new KnnFloatVectorField(VECTOR, unitVector, VectorSimilarityFunction.DOT_PRODUCT));
    return d;
  }

  static Document sourceDocument(Source s) {
    Document d = new Document();
    d.add(new StringField(KIND, SOURCE_KIND, Field.Store.NO));
    d.add(new StringField(DOC, s.document(), Field.Store.YES));
    d.add(new StringField(ROOT, s.root(), Field.Store.YES));
    d.add(new StoredField(HASH, s.hash()));
    d.add(new StoredField(PIPELINE, s.pipeline()));
    d.add(new StoredField(BYTES, s.bytes()));
    d.add(new StoredField(CHUNKS, s.chunks()));
    return d;
  }

  /**
   * Replaces everything indexed for {@code document} (chunks and source record) by {@code docs}.
   */
  void replace(String document, List<Document> docs) throws IOException {
    writer.updateDocuments(new Term(DOC, document), docs);
  }

  void delete(String document) throws IOException {
    writer.deleteDocuments(new Term(DOC, document));
  }

  /** Commits pending changes with {@code lastIngestMillis} and makes them visible to searches. */
  void commit(long lastIngestMillis) throws IOException {
    meta.put(LAST_INGEST_KEY, String.valueOf(lastIngestMillis));
    writer.setLiveCommitData(Map.copyOf(meta).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** Drops uncommitted changes. */
  void rollback() throws IOException {
    writer.rollback(); // closes the writer
    writer = newWriter();
  }

  /** A searcher over the last commit; hand it back with {@link #release}. */
  IndexSearcher acquire() throws IOException {
    return searchers.acquire();
  }

  void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** Every source record of the last commit, by document id. */
  static Map<String, Source> sources(IndexSearcher s) throws IOException {
    Map<String, Source> out = new HashMap<>();
    ScoreDoc[] hits = all(s, new TermQuery(new Term(KIND, SOURCE_KIND)));
    for (ScoreDoc h : hits) {
      Document d = s.storedFields().document(h.doc);
      out.put(
          d.get(DOC),
          new Source(
              d.get(DOC),
              d.get(ROOT),
              d.get(HASH),
              d.get(PIPELINE),
              d.getField(BYTES).numericValue().longValue(),
              d.getField(CHUNKS).numericValue().intValue()));
    }
    return out;
  }

  private static ScoreDoc[] all(IndexSearcher s, Query q) throws IOException {
    int n = Math.max(1, s.count(q));
    return s.search(q, n).scoreDocs;
  }

  /** Number of chunks in the last commit. */
  static int chunkCount(IndexSearcher s) throws IOException {
    return s.count(new TermQuery(new Term(KIND, CHUNK_KIND)));
  }

  /** BM25 over chunk text (and, at half weight, title and headings); best first. */
  static ScoreDoc[] bm25(IndexSearcher s, String query, int n) throws IOException {
    List<String> terms = new ArrayList<>(new LinkedHashSet<>(Terms.of(query)));
    if (terms.isEmpty()) {
      return new ScoreDoc[0];
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms.subList(0, Math.min(terms.size(), MAX_QUERY_TERMS))) {
      b.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
      b.add(
          new BoostQuery(new TermQuery(new Term(HEADINGS_TEXT, t)), HEADING_BOOST),
          BooleanClause.Occur.SHOULD);
    }
    return s.search(b.build(), n).scoreDocs;
  }

  /**
   * Nearest chunks to a unit-length query vector; best first. Lucene reports {@code (1 + dot) / 2}
   * as the score.
   */
  static ScoreDoc[] nearest(IndexSearcher s, float[] unitQuery, int n) throws IOException {
    if (s.count(new MatchAllDocsQuery()) == 0) {
      return new ScoreDoc[0];
    }
    return s.search(new KnnFloatVectorQuery(VECTOR, unitQuery, n), n).scoreDocs;
  }

  /** The stored unit vector of chunk {@code doc}, or null. */
  static float[] vector(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
    int local = doc - leaf.docBase;
    if (values == null || values.advance(local) != local) {
      return null;
    }
    return values.vectorValue();
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      try {
        writer.close();
      } finally {
        directory.close();
      }
    }
  }
}
