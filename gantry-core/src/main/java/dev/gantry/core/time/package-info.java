/**
 * Injected time: a monotonic {@code Ticker}, a {@code Scheduler} for delayed tasks, and {@code
 * ManualTime}, which is both plus a wall clock and moves only when a test advances it, so every
 * time-based behaviour is tested without sleeping.
 */
package dev.gantry.core.time;
