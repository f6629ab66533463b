/**
 * Cost controls: what each upstream call costs ({@link dev.gantry.gateway.cost.CostMeter}, the one
 * component that prices usage), request budgets, spend limits with reservation and settlement,
 * model tiers with the complexity router and cascades, token optimisation, the spend ledger's
 * entries, usage reports and the spend forecast. Where budgets are enforced: {@link
 * dev.gantry.gateway.cost.BudgetStage} (per request) and {@link dev.gantry.gateway.cost.SpendStage}
 * (per tenant, key, customer and tag); with Redis, a request's spend is usually reserved earlier,
 * at admission, in the same round trip as its rate limits ({@link
 * dev.gantry.gateway.cost.SpendAhead}), and the spend stage only checks that the reservation covers
 * the request's worst case.
 */
package dev.gantry.gateway.cost;
