/**
 * Monitoring assembled: the meters, traces, rollups, alerts, feedback, drift watching, scheduled
 * evaluations and dashboard of one gateway, and the schedule that drives them on the injected
 * clock.
 */
package dev.gantry.gateway.monitoring;
