/**
 * Admission: rate limits (configured and stored on keys), the bounded priority queue, graceful
 * degradation of shed requests, and the one interface through which a request claims spend ({@link
 * dev.gantry.gateway.limits.Admission}: reserve first, settle after) with its in-process and Redis
 * implementations, so that limits hold across replicas. With Redis, one script takes a request's
 * rate limits and reserves its spend claim ({@link dev.gantry.gateway.limits.ClaimAhead}): one
 * round trip before the upstream call; the settlements are sent after the response and nothing
 * waits for them.
 */
package dev.gantry.gateway.limits;
