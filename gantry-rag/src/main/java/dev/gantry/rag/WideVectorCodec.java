package dev.gantry.rag;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with the vector-length limit raised from 1024 to {@value #MAX_DIMENSIONS},
 * so that provider embeddings (1536 or 3072 floats) can be indexed. Only the indexing-time check
 * changes: segments are written by the standard HNSW format under its own name, so any Lucene 9.12
 * reader (the default codec included) opens them.
 */
final class WideVectorCodec extends Lucene912Codec {
  /** The longest vector accepted. */
  static final int MAX_DIMENSIONS = 4096;

  private static final KnnVectorsFormat HNSW = new Lucene99HnswVectorsFormat();
  private static final KnnVectorsFormat WIDE =
      new KnnVectorsFormat(HNSW.getName()) {
        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
          return HNSW.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
          return HNSW.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
          return MAX_DIMENSIONS;
        }
      };

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return WIDE;
  }
}
