/**
 * Alerts: configured rules and SLO burn-rate rules evaluated in-process on the injected clock from
 * the rollups, alerts raised by events (soft spend limits, drift, failed scheduled evaluations),
 * and firing and resolved notifications to webhooks (Gantry's JSON or Slack's).
 */
package dev.gantry.gateway.alerts;
