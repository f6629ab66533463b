package dev.gantry.store.monitoring;

/** Feedback on one route and model: how many ratings and their mean (0..1). */
public record FeedbackSummary(String route, String model, long count, double mean) {}
