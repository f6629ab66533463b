package dev.gantry.core.pipeline;

/**
 * Where a request stands against its rate limits, for the OpenAI-style {@code x-ratelimit-*}
 * response headers: per dimension the tightest limit that applied to it. Immutable.
 *
 * @param limitRequests requests per minute allowed, or 0 when no request-rate limit applied
 * @param remainingRequests requests left in the bucket after this one
 * @param resetRequestsMillis time until the request bucket is full again, in milliseconds
 * @param limitTokens tokens per minute allowed, or 0 when no token-rate limit applied
 * @param remainingTokens tokens left after this request's reservation
 * @param resetTokensMillis time until the token bucket is full again, in milliseconds
 * @param retryAfterSeconds for a refused request, when to try again (whole seconds, at least 1); 0
 *     for an admitted one
 */
public record RateStatus(
    long limitRequests,
    long remainingRequests,
    long resetRequestsMillis,
    long limitTokens,
    long remainingTokens,
    long resetTokensMillis,
    long retryAfterSeconds) {

  /** This status with a {@code retry-after} for a refusal. */
  public RateStatus refused(long seconds) {
    return new RateStatus(
        limitRequests,
        remainingRequests,
        resetRequestsMillis,
        limitTokens,
        remainingTokens,
        resetTokensMillis,
        Math.max(1, seconds));
  }
}
