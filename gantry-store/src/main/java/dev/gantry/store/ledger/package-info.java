/**
 * The spend ledger: one durable row per request with its tokens by class, its cost in USD
 * micro-units and its attribution (tenant, key, customer, route, model, tier, tags). It is the
 * source of truth for spend limits (sums over a calendar period) and for usage reports (sums
 * grouped by any of those dimensions). Rows are written by the store's group-commit writer, alone
 * or in the same transaction as the request's audit record.
 */
package dev.gantry.store.ledger;
