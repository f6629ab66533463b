/**
 * Retrieval-augmented generation in the gateway: the {@code retrieve} stage adds numbered
 * knowledge-base sources to a route's requests and reports them back, and the extractive answerer
 * serves routes (or fallbacks) without a model.
 */
package dev.gantry.gateway.rag;
