/**
 * Gantry's configuration: the immutable records a validated {@code gantry.yaml} becomes ({@link
 * dev.gantry.core.config.GantryConfig} and its parts), the {@link
 * dev.gantry.core.config.ConfigLoader} that reads, substitutes {@code ${VAR}} references into and
 * validates the file (reporting every problem at once as a {@link
 * dev.gantry.core.config.ConfigException}), a {@link dev.gantry.core.config.ConfigSummary} for
 * {@code gantry config validate}, and the {@link dev.gantry.core.config.ConfigWatcher} that
 * hot-reloads the file when its content changes. Secrets ({@link dev.gantry.core.config.Secret})
 * never appear in messages, summaries or {@code toString()}. Everything else here is
 * package-private.
 */
package dev.gantry.core.config;
