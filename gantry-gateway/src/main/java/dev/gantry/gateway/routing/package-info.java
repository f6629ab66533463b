/**
 * Routing: the order in which a route's deployments are tried, passive deployment health, backoff
 * with full jitter, and the per-attempt loop that retries and falls back.
 */
package dev.gantry.gateway.routing;
