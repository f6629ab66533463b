package dev.gantry.gateway.rag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.rag.RetrievedChunk;
import dev.gantry.rag.answer.Source;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Converts between the knowledge-base types and the exchange's sources. Stateless. */
public final class Sources {
  private Sources() {}

  static RetrievedSource of(Source s, RetrievedChunk chunk) {
    return new RetrievedSource(
        s.number(),
        s.id(),
        s.document(),
        s.title(),
        s.score(),
        s.similarity(),
        chunk == null ? "" : chunk.snippet(),
        s.text());
  }

  static RetrievedChunk chunk(RetrievedSource s) {
    return new RetrievedChunk(
        s.id(),
        s.document(),
        s.title() == null ? "" : s.title(),
        List.of(),
        0,
        s.text().length(),
        s.score(),
        s.similarity(),
        0,
        0,
        s.snippet(),
        s.text());
  }

  /** The {@code gantry_sources} array of a response. */
  public static ArrayNode json(List<RetrievedSource> sources) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (RetrievedSource s : sources) {
      out.addObject()
          .put("number", s.number())
          .put("id", s.id())
          .put("document", s.document())
          .put("title", s.title())
          .put("score", round(s.score()))
          .put("similarity", round(s.similarity()))
          .put("snippet", s.snippet());
    }
    return out;
  }

  /** The {@code x-gantry-sources} header: document ids, best first, without repeats. */
  public static String header(List<RetrievedSource> sources) {
    Set<String> docs = new LinkedHashSet<>();
    for (RetrievedSource s : sources) {
      docs.add(s.document());
    }
    return String.join(",", new ArrayList<>(docs));
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
