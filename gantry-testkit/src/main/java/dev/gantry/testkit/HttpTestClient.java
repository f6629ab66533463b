package dev.gantry.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for tests that need to send exactly what they want. */
public final class HttpTestClient {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;

  public HttpTestClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** POSTs a JSON body (as given, not re-encoded). */
  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return postBytes(path, json.getBytes(StandardCharsets.UTF_8), "application/json", headers);
  }

  /** POSTs raw bytes with the given content type (null for none). */
  public HttpResponse<String> postBytes(
      String path, byte[] body, String contentType, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("content-type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  /** POSTs a JSON body without waiting for the answer. */
  public java.util.concurrent.CompletableFuture<HttpResponse<String>> postJsonAsync(
      String path, String json, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> get(String path) {
    return get(path, new String[0]);
  }

  /** GETs with extra headers given as name, value pairs. */
  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
