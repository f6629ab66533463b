/**
 * The pipeline contract: a {@link dev.gantry.core.pipeline.Stage} looks at one {@link
 * dev.gantry.core.pipeline.Exchange} and answers with a {@link dev.gantry.core.pipeline.Verdict}.
 * The gateway assembles stages into one ordered list; later workstreams add stages, not new hooks.
 */
package dev.gantry.core.pipeline;
