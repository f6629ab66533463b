/**
 * Admission: rate limits (configured and stored on keys), the bounded priority queue, graceful
 * degradation of shed requests, and the one interface through which a request claims spend ({@link
 * dev.gantry.gateway.limits.Admission}: reserve first, settle after) with its in-process and Redis
 * implementations, so that limits hold across replicas.
 */
package dev.gantry.gateway.limits;
