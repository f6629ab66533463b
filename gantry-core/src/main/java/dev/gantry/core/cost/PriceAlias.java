package dev.gantry.core.cost;

import java.util.Objects;

/**
 * A model name billed as another model of the same provider, at whatever price is in force for that
 * model on the day of the request ({@code same_as} in {@code cost.prices}); typically an Azure
 * deployment name standing for its base model.
 */
public record PriceAlias(String provider, String model, String sameAs) implements PriceRule {
  public PriceAlias {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(sameAs, "same_as");
  }
}
