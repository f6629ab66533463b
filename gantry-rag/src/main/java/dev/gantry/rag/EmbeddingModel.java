package dev.gantry.rag;

import dev.gantry.ml.Embedder;
import java.util.Objects;

/**
 * An embedder and the name it is known by. The name is stored in each knowledge base, which then
 * refuses to open with a different model (vectors of two models cannot be compared). Any {@link
 * Embedder} works: in-process ({@code MiniLmEmbedder}) or a client of a provider's embeddings API,
 * since chunks are embedded through {@link Embedder#embedAll} in batches of {@link
 * RagConfig#embedBatchSize()}.
 *
 * @param name a stable identifier, such as {@code all-MiniLM-L6-v2} or {@code
 *     openai/text-embedding-3-small}
 * @param embedder shared and thread-safe
 */
public record EmbeddingModel(String name, Embedder embedder) {
  public EmbeddingModel {
    Objects.requireNonNull(embedder, "embedder");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("embedding model name must not be blank");
    }
  }
}
