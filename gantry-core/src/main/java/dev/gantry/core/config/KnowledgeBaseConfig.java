package dev.gantry.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A knowledge base ({@code knowledge_bases.<name>}), stored under {@code <data_dir>/kb/<name>}.
 *
 * @param sources files and folders ingested when the configuration loads (only changed files are
 *     processed again); empty when the base is filled with {@code gantry kb ingest} only
 */
public record KnowledgeBaseConfig(String name, List<Path> sources) {
  public KnowledgeBaseConfig {
    Objects.requireNonNull(name, "name");
    sources = List.copyOf(sources);
  }
}
