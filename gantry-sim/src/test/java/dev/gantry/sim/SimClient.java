package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small JDK HTTP client for the tests, talking HTTP/1.1 to one simulator. */
final class SimClient {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;

  SimClient(Simulator simulator) {
    this.baseUrl = simulator.baseUrl();
  }

  /** One server-sent event; {@code event} is null for OpenAI streams. */
  record Sse(String event, String data) {
    JsonNode json() {
      JsonNode node = Json.tryParse(data.getBytes(StandardCharsets.UTF_8));
      if (node == null) {
        throw new AssertionError("not JSON: " + data);
      }
      return node;
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode json(HttpResponse<String> response) {
    JsonNode node = Json.tryParse(response.body().getBytes(StandardCharsets.UTF_8));
    if (!(node instanceof ObjectNode object)) {
      throw new AssertionError("not a JSON object: " + response.body());
    }
    return object;
  }

  static List<Sse> events(String body) {
    List<Sse> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String event = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("data: ")) {
          data = line.substring("data: ".length());
        }
      }
      out.add(new Sse(event, data));
    }
    return out;
  }

  /** A chat request body with one user message; {@code extra} is raw JSON members or "". */
  static String chat(String model, String user, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.toString(Json.MAPPER.getNodeFactory().textNode(user))
        + "}]"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }
}
