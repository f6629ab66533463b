package dev.gantry.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code knowledge_bases} and a route's {@code rag}, and checks that they fit together with
 * the providers (embedding providers exist and serve embeddings; extractive routes retrieve). Not
 * thread-safe; one per load.
 */
final class KnowledgeReader {
  static final List<String> RAG_KEYS = List.of("kb", "top_k", "max_context_tokens", "min_score");
  static final List<String> KB_KEYS = List.of("sources", "embeddings", "tenants");
  static final List<String> KB_EMBEDDING_KEYS = List.of("provider", "model");

  private final NodeReader r;
  private final Problems problems;

  KnowledgeReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  Map<String, KnowledgeBaseConfig> knowledgeBases(Node node) {
    Map<String, KnowledgeBaseConfig> out = new LinkedHashMap<>();
    Map<String, Node> m = r.map(node, "knowledge_bases", null);
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, Node> e : m.entrySet()) {
      String path = "knowledge_bases." + e.getKey();
      if (!e.getKey().matches("[a-z0-9][a-z0-9._-]{0,63}")) {
        problems.add(
            path,
            "a knowledge base name is 1..64 of a-z, 0-9, '.', '_', '-', starting alphanumeric");
        continue;
      }
      Map<String, Node> kb = r.map(e.getValue(), path, KB_KEYS);
      if (kb == null) {
        continue;
      }
      List<java.nio.file.Path> sources = new ArrayList<>();
      List<String> given = r.strings(kb.get("sources"), path + ".sources");
      for (int i = 0; i < given.size(); i++) {
        java.nio.file.Path p = java.nio.file.Path.of(given.get(i).strip());
        if (!java.nio.file.Files.exists(p)) {
          problems.add(path + ".sources[" + i + "]", "'" + given.get(i) + "' does not exist");
        }
        sources.add(p);
      }
      String provider = null;
      String model = null;
      Map<String, Node> emb = r.map(kb.get("embeddings"), path + ".embeddings", KB_EMBEDDING_KEYS);
      if (emb != null && !emb.isEmpty()) {
        provider =
            r.required(
                emb.get("provider"),
                path + ".embeddings.provider",
                "a provider that serves /v1/embeddings");
        model = r.required(emb.get("model"), path + ".embeddings.model", "its embedding model");
      }
      List<String> tenants = r.strings(kb.get("tenants"), path + ".tenants");
      for (int i = 0; i < tenants.size(); i++) {
        if (tenants.get(i).isBlank()) {
          problems.add(path + ".tenants[" + i + "]", "a tenant name must not be empty");
        }
      }
      boolean embedded = provider != null && model != null;
      out.put(
          e.getKey(),
          new KnowledgeBaseConfig(
              e.getKey(), sources, embedded ? provider : null, embedded ? model : null, tenants));
    }
    return out;
  }

  RouteRag rag(Node node, String path) {
    Map<String, Node> m = r.map(node, path, RAG_KEYS);
    if (m == null || m.isEmpty()) {
      return null;
    }
    String kb = r.required(m.get("kb"), path + ".kb", "the name of a knowledge base");
    int topK = r.integer(m.get("top_k"), path + ".top_k", 5, 1, 50);
    int tokens =
        r.integer(m.get("max_context_tokens"), path + ".max_context_tokens", 2000, 16, 1_000_000);
    double minScore = r.decimal(m.get("min_score"), path + ".min_score", 0.2, -1, 1);
    return kb == null ? null : new RouteRag(kb, topK, tokens, minScore);
  }

  void checkEmbeddings(
      Map<String, KnowledgeBaseConfig> kbs, Map<String, ProviderConfig> providers) {
    for (KnowledgeBaseConfig kb : kbs.values()) {
      if (kb.embeddingProvider() == null) {
        continue;
      }
      String path = "knowledge_bases." + kb.name() + ".embeddings.provider";
      ProviderConfig p = providers.get(kb.embeddingProvider());
      if (p == null) {
        problems.add(
            path,
            "'"
                + kb.embeddingProvider()
                + "' is not a defined provider"
                + Suggestions.didYouMean(kb.embeddingProvider(), providers.keySet()));
      } else if (p.type() == ProviderType.ANTHROPIC || p.type() == ProviderType.EXTRACTIVE) {
        problems.add(
            path,
            "'"
                + kb.embeddingProvider()
                + "' ("
                + p.type().configName()
                + ") serves no embeddings; use an openai, azure or openai_compatible provider");
      }
    }
  }

  void checkRag(
      RouteConfig route,
      Map<String, KnowledgeBaseConfig> kbs,
      Map<String, ProviderConfig> providers) {
    String path = "routes." + route.name();
    if (route.rag() != null && !kbs.containsKey(route.rag().kb())) {
      problems.add(
          path + ".rag.kb",
          "'"
              + route.rag().kb()
              + "' is not defined under knowledge_bases (defined: "
              + (kbs.isEmpty() ? "none" : String.join(", ", kbs.keySet()))
              + ")");
    }
    for (int i = 0; i < route.deployments().size(); i++) {
      ProviderConfig p = providers.get(route.deployments().get(i).provider());
      if (p != null && p.type() == ProviderType.EXTRACTIVE && route.rag() == null) {
        problems.add(
            path + ".deployments[" + i + "]",
            "the extractive provider answers from retrieved sources; the route needs rag: {kb: …}");
      }
    }
  }
}
