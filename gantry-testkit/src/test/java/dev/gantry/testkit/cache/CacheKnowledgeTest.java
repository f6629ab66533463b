package dev.gantry.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers of a retrieval route stop being served once its knowledge base is ingested again. */
class CacheKnowledgeTest {
  @TempDir Path dir;

  @Test
  void an_ingest_into_the_routes_knowledge_base_leaves_its_entries_unserved() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("ferry.md"),
        "The island ferry leaves the mainland pier every ninety minutes.");
    String yaml =
        "data_dir: "
            + dir.resolve("data")
            + "\n"
            + "knowledge_bases:\n  town: {sources: ["
            + docs
            + "]}\n"
            + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n"
            + "  ask:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    rag: {kb: town, top_k: 1, min_score: 0.1}\n"
            + "    cache: {ttl: 10m}\n";
    try (Simulator sim = GantryTestKit.simulator()) {
      GantryConfig config = GantryTestKit.config(yaml, sim);
      try (Gateway g = GantryTestKit.gateway(config)) {
        HttpTestClient http = new HttpTestClient(g.baseUrl());
        String body =
            "{\"model\":\"ask\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"How often does the ferry leave?\"}]}";
        http.postJson("/v1/chat/completions", body);
        assertThat(
                http.postJson("/v1/chat/completions", body).headers().firstValue("x-gantry-cache"))
            .hasValue("hit");
        Files.writeString(
            docs.resolve("ferry.md"), "The island ferry leaves the mainland pier every hour.");
        g.reload(config);
        assertThat(
                http.postJson("/v1/chat/completions", body).headers().firstValue("x-gantry-cache"))
            .hasValue("miss");
      }
    }
  }
}
