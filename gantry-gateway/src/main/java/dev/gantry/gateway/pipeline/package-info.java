/**
 * The chat pipeline: the one place where the stage list is assembled ({@link
 * dev.gantry.gateway.pipeline.ActiveConfig}), the walk over it ({@link
 * dev.gantry.gateway.pipeline.Pipeline}), and the stages of the gateway foundation: route and
 * invoke.
 */
package dev.gantry.gateway.pipeline;
