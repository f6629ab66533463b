/** Injected time: tickers, so every time-based behaviour can be tested with a fake clock. */
package dev.gantry.core.time;
