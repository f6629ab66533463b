package dev.gantry.rag;

/**
 * How knowledge bases chunk, embed and rank. Changing {@code chunkTokens} or {@code overlapTokens}
 * makes the next ingest re-process every document.
 *
 * @param chunkTokens the most tokens (o200k) in one chunk, in [32, 8192]
 * @param overlapTokens the most tokens a chunk repeats from the previous one, in [0, chunkTokens /
 *     2]
 * @param rrfK the constant k of reciprocal rank fusion, score = sum of 1 / (k + rank), in [1,
 *     10000]; larger k flattens the advantage of top ranks
 * @param candidates how many hits each ranker (BM25, vectors) contributes before fusion, in [1,
 *     1000]; at least topK are always taken
 * @param embedBatchSize chunks sent to the embedder in one call, in [1, 2048]
 * @param snippetChars the longest snippet, in characters, in [40, 2000]
 */
public record RagConfig(
    int chunkTokens,
    int overlapTokens,
    int rrfK,
    int candidates,
    int embedBatchSize,
    int snippetChars) {
  public RagConfig {
    check("chunkTokens", chunkTokens, 32, 8192);
    check("overlapTokens", overlapTokens, 0, chunkTokens / 2);
    check("rrfK", rrfK, 1, 10_000);
    check("candidates", candidates, 1, 1000);
    check("embedBatchSize", embedBatchSize, 1, 2048);
    check("snippetChars", snippetChars, 40, 2000);
  }

  /**
   * 256-token chunks with 32 tokens of overlap, k = 60, 50 candidates per ranker, embedding batches
   * of 32, snippets of at most 240 characters.
   */
  public static RagConfig defaults() {
    return new RagConfig(256, 32, 60, 50, 32, 240);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "rag." + name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
