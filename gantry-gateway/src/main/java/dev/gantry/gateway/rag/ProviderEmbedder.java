package dev.gantry.gateway.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.gateway.providers.EmbeddingsTranslator;
import dev.gantry.gateway.providers.UpstreamRequest;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from a configured provider's {@code /v1/embeddings} (OpenAI, Azure or any
 * OpenAI-compatible server), for knowledge bases that should use the same model as the application.
 * Blocking HTTP (runs on ingest and worker threads, never an event loop); texts go in batches of
 * {@value #BATCH}; vectors are normalised. Shared and thread-safe.
 */
public final class ProviderEmbedder implements Embedder {
  static final int BATCH = 64;

  private final ProviderConfig provider;
  private final String model;
  private final HttpClient http;
  private volatile int dimensions = -1;

  public ProviderEmbedder(ProviderConfig provider, String model) {
    this.provider = provider;
    this.model = model;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(provider.timeouts().connect())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public int dimensions() {
    if (dimensions < 0) {
      dimensions = embed("dimension probe").length;
    }
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += BATCH) {
      out.addAll(call(texts.subList(i, Math.min(texts.size(), i + BATCH))));
    }
    return out;
  }

  private List<float[]> call(List<String> texts) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    texts.forEach(body.putArray("input")::add);
    UpstreamRequest req = EmbeddingsTranslator.request(body, provider, model);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(req.uri()))
            .timeout(provider.timeouts().total())
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(req.body()));
    req.headers().forEach(b::header);
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(
          "embedding with provider " + provider.name() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    }
    JsonNode json = Json.tryParse(r.body());
    if (r.statusCode() != 200 || json == null || !json.path("data").isArray()) {
      throw new IllegalStateException(
          "embedding with provider "
              + provider.name()
              + " failed: HTTP "
              + r.statusCode()
              + " "
              + (json == null ? "" : json.path("error").path("message").asText("")));
    }
    float[][] vectors = new float[texts.size()][];
    for (JsonNode item : json.get("data")) {
      int index = item.path("index").asInt(-1);
      JsonNode v = item.path("embedding");
      if (index < 0 || index >= vectors.length || !v.isArray()) {
        throw new IllegalStateException("provider " + provider.name() + " sent a malformed item");
      }
      float[] f = new float[v.size()];
      for (int k = 0; k < f.length; k++) {
        f[k] = (float) v.get(k).asDouble();
      }
      vectors[index] = Vectors.normalize(f);
    }
    List<float[]> out = new ArrayList<>(vectors.length);
    for (float[] v : vectors) {
      if (v == null) {
        throw new IllegalStateException("provider " + provider.name() + " left out an item");
      }
      out.add(v);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ProviderEmbedder[" + provider.name() + "/" + model + "]";
  }
}
