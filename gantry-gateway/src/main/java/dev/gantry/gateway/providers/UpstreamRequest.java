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

  @Override
  public String toString() {
    return "UpstreamRequest[POST " + uri + ", " + body.length + " bytes]";
  }
}
