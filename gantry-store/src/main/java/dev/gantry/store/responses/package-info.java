/**
 * Stored answers of the Responses API and the conversations behind them, kept per tenant until
 * their retention ends, so that a later request can continue with {@code previous_response_id}.
 */
package dev.gantry.store.responses;
