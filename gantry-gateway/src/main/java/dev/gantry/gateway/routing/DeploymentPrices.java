package dev.gantry.gateway.routing;

import dev.gantry.core.config.DeploymentConfig;

/**
 * What one request costs on each deployment, as the router needs it to pick the cheapest deployment
 * that meets a latency budget and to count what a lost hedge race cost. Amounts are in micro-USD;
 * -1 when the deployment has no known price. One per request; used on its event loop.
 */
public interface DeploymentPrices {
  /** Nothing is priced. */
  DeploymentPrices UNKNOWN =
      new DeploymentPrices() {
        @Override
        public long requestMicros(DeploymentConfig d) {
          return -1;
        }

        @Override
        public long inputMicros(DeploymentConfig d) {
          return -1;
        }
      };

  /** The most the request can cost on {@code d}: its input and the output it may produce. */
  long requestMicros(DeploymentConfig d);

  /** What the request's input alone costs on {@code d} (an attempt cut off before its answer). */
  long inputMicros(DeploymentConfig d);
}
