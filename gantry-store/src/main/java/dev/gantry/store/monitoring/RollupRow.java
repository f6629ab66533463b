package dev.gantry.store.monitoring;

/**
 * One period of one series (tenant and route) of the dashboard's rollups.
 *
 * @param hourly true for an hour, false for a minute
 * @param start the period's start in minutes since the epoch, UTC (for an hour: its first minute)
 * @param data the period's figures as JSON, written and read by the gateway
 */
public record RollupRow(boolean hourly, long start, String tenant, String route, String data) {}
