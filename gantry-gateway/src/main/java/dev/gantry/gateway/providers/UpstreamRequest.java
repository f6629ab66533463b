package dev.gantry.gateway.providers;

import java.util.Map;

/**
 * One HTTP request to an upstream, built fresh for each attempt.
 *
 * @param uri absolute URI (base URL of the provider + path + query)
 * @param headers request headers, secrets included (never log this record's headers)
 * @param body UTF-8 JSON body
 */
public record UpstreamRequest(String uri, Map<String, String> headers, byte[] body) {
  public UpstreamRequest {
    headers = Map.copyOf(headers);
  }

  /** This request with one more header; itself when {@code value} is null. */
  public UpstreamRequest withHeader(String name, String value) {
    if (value == null) {
      return this;
    }
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new UpstreamRequest(uri, more, body);
  }

  @Override
  public String toString() {
    return "UpstreamRequest[POST " + uri + ", " + body.length + " bytes]";
  }
}
