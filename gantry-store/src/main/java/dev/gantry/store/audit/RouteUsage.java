package dev.gantry.store.audit;

import java.util.Objects;

/**
 * What one route used in a period, summed over its request records by the database.
 *
 * @param route the route (public model name); empty for requests that named none
 * @param requests request records (every outcome, refusals included)
 * @param promptTokens input tokens, summed
 * @param completionTokens output tokens, summed
 */
public record RouteUsage(String route, long requests, long promptTokens, long completionTokens) {
  public RouteUsage {
    Objects.requireNonNull(route, "route");
  }
}
