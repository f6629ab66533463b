/**
 * An upstream simulator of LLM provider wire formats (OpenAI, Azure OpenAI, Anthropic), used by
 * tests, demos, chaos drills and load tests. {@link dev.gantry.sim.Simulator} is the whole public
 * API together with {@link dev.gantry.sim.SimulatorOptions} and {@link dev.gantry.sim.Scenario};
 * everything else in this package is a package-private part of it: scenario parsing, the seeded
 * latency and fault models, reply planning and one writer per wire format.
 */
package dev.gantry.sim;
