package dev.gantry.core.events;

/**
 * An answer was added to (or entries removed from) a route's response cache.
 *
 * @param route the route (public model name)
 * @param entries the route's entries in this replica's memory after the change
 * @param bytes the approximate size of those entries (answers and vectors), in bytes
 */
public record CacheStored(String route, long entries, long bytes) implements GantryEvent {}
