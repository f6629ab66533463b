package dev.gantry.core.events;

/**
 * Something observable that happened. Events are immutable records; metrics, audit, alerts and the
 * dashboard subscribe to them instead of being called by stages.
 */
public interface GantryEvent {}
