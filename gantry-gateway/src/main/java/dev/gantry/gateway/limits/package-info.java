/**
 * Admission: the one interface through which a request claims a share of a limited resource (spend
 * today, and later rate and concurrency limits) — reserve first, settle after — and its in-process
 * implementation. A shared implementation (Redis) implements the same {@link
 * dev.gantry.gateway.limits.Admission} so that limits hold across replicas.
 */
package dev.gantry.gateway.limits;
