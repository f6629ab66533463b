/**
 * What monitoring keeps across restarts: the dashboard's per-minute rollups, user feedback on
 * answers and the runs of scheduled evaluations.
 */
package dev.gantry.store.monitoring;
