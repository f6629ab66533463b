/**
 * Test helpers shared by modules: start a simulator and a gateway on free ports, with configuration
 * text, and talk to them over real sockets. The module's own tests are Gantry's end-to-end tests
 * (official OpenAI SDK, faults, reload, bad input).
 */
package dev.gantry.testkit;
