package dev.gantry.gateway.cache;

/**
 * A cached question compared with the one asked.
 *
 * @param question the cached question's text
 * @param answerId identifies the cached answer (two candidates with the same id give one answer)
 * @param similarity cosine similarity of the two questions' embeddings
 * @param value what to serve when the candidate wins
 */
record Candidate<T>(String question, String answerId, double similarity, T value) {}
