package dev.gantry.rag;

/** Which rankers a retrieval uses. */
public enum SearchMode {
  /** BM25 over the chunk text (English analysis) alone. */
  BM25,
  /** Nearest chunk embeddings alone. */
  VECTOR,
  /** Both, fused by reciprocal rank fusion. */
  HYBRID
}
