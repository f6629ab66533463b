/**
 * The gateway's public start-up API: {@link dev.gantry.gateway.Gateway} starts the server for a
 * configuration, reloads it atomically and stops it; {@link dev.gantry.gateway.EmbeddedDefaults} is
 * the configuration used when no file is given.
 */
package dev.gantry.gateway;
