package dev.gantry.core.events;

/**
 * A request was answered by a last-resort fallback (the extractive provider) after every other
 * deployment of its route failed.
 */
public record DegradedAnswer(String requestId, String route) implements GantryEvent {}
