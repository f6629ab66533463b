/**
 * The OpenAI wire contract as Gantry reads it: validated requests that keep the client's JSON
 * untouched for forwarding, usage, and the OpenAI error shape with its HTTP status.
 */
package dev.gantry.core.api;
