package dev.gantry.gateway.cache;

import java.util.Optional;

/**
 * The outcome of a semantic lookup.
 *
 * @param winner the candidate to serve, if any
 * @param similarity the winner's similarity, else the best candidate's (NaN without candidates)
 * @param rejection the false-hit guard's verdict on the most similar candidate it refused, or null
 * @param ambiguous true when two different answers were about equally close and neither is served
 */
record SemanticDecision<T>(
    Optional<Candidate<T>> winner,
    double similarity,
    GuardVerdict.Disagree rejection,
    boolean ambiguous) {}
