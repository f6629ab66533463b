package dev.gantry.core.cost;

/** One configured line of {@code cost.prices}: a price, or a name billed as another model. */
public sealed interface PriceRule permits PriceEntry, PriceAlias {}
