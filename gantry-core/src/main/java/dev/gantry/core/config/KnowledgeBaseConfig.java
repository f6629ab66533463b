package dev.gantry.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A knowledge base ({@code knowledge_bases.<name>}), stored under {@code <data_dir>/kb/<name>}.
 *
 * @param sources files and folders ingested when the configuration loads (only changed files are
 *     processed again); empty when the base is filled with {@code gantry kb ingest} only
 * @param embeddingProvider a provider under {@code providers} whose {@code /v1/embeddings} embeds
 *     the chunks and queries, or null for the in-process MiniLM model
 * @param embeddingModel the provider's embedding model (with {@code embeddingProvider})
 * @param tenants the tenants whose keys may read the base (through {@code /v1/retrieve} or a route
 *     with {@code rag}); empty means every tenant. The {@code system} tenant always may.
 */
public record KnowledgeBaseConfig(
    String name,
    List<Path> sources,
    String embeddingProvider,
    String embeddingModel,
    List<String> tenants) {
  public KnowledgeBaseConfig {
    Objects.requireNonNull(name, "name");
    sources = List.copyOf(sources);
    tenants = List.copyOf(tenants);
    if ((embeddingProvider == null) != (embeddingModel == null)) {
      throw new IllegalArgumentException("embedding provider and model go together");
    }
  }

  /** A base every tenant may read. */
  public KnowledgeBaseConfig(
      String name, List<Path> sources, String embeddingProvider, String embeddingModel) {
    this(name, sources, embeddingProvider, embeddingModel, List.of());
  }

  /** A base embedded in-process. */
  public KnowledgeBaseConfig(String name, List<Path> sources) {
    this(name, sources, null, null);
  }

  /** Whether keys of {@code tenant} may read this base. */
  public boolean readableBy(String tenant) {
    return tenants.isEmpty()
        || tenants.contains(tenant)
        || dev.gantry.core.security.Principal.SYSTEM_TENANT.equals(tenant);
  }
}
