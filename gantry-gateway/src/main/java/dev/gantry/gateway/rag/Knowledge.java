package dev.gantry.gateway.rag;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.KnowledgeBaseConfig;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.rag.IngestReport;
import dev.gantry.rag.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the knowledge bases a configuration names and ingests their configured sources (unchanged
 * files are skipped, so a reload or restart is cheap). Blocking; runs while a configuration loads.
 */
public final class Knowledge {
  private static final Logger LOG = LoggerFactory.getLogger(Knowledge.class);

  private Knowledge() {}

  public static Map<String, KnowledgeBase> open(GantryConfig config, Services services) {
    Map<String, KnowledgeBase> out = new LinkedHashMap<>();
    if (config.knowledgeBases().isEmpty()) {
      return out;
    }
    for (KnowledgeBaseConfig kb : config.knowledgeBases().values()) {
      var bases =
          kb.embeddingProvider() == null
              ? services.knowledgeBases(config.dataDir())
              : services.knowledgeBases(
                  config.dataDir(),
                  kb.embeddingProvider() + "/" + kb.embeddingModel(),
                  () ->
                      new ProviderEmbedder(
                          config.providers().get(kb.embeddingProvider()), kb.embeddingModel()));
      try {
        KnowledgeBase base = bases.open(kb.name());
        if (!kb.sources().isEmpty()) {
          IngestReport r = base.ingest(kb.sources());
          LOG.info(
              "knowledge base {}: {} added, {} updated, {} unchanged, {} removed, {} failed ({}"
                  + " ms)",
              kb.name(),
              r.added().size(),
              r.updated().size(),
              r.unchanged().size(),
              r.removed().size(),
              r.failures().size(),
              r.elapsed().toMillis());
        }
        out.put(kb.name(), base);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open knowledge base " + kb.name(), e);
      }
    }
    return Map.copyOf(out);
  }
}
