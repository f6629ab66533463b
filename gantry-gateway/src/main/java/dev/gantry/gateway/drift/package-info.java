/**
 * Input drift: a route's recent request embeddings compared with a reference window by a kernel
 * two-sample test (squared maximum mean discrepancy with a permutation threshold), published as
 * {@link dev.gantry.core.events.DriftMeasured} for the meters, the dashboard and the alerts.
 */
package dev.gantry.gateway.drift;
