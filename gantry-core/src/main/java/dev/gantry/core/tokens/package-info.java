/** Token counting with a real BPE tokenizer, shared by the gateway and the simulator. */
package dev.gantry.core.tokens;
