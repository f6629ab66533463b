/**
 * The HTTP face of the gateway: dispatch of the OpenAI endpoints, request bodies with size and time
 * limits, server-sent events, request ids, and the mapping of every failure to an OpenAI-style JSON
 * error with its status.
 */
package dev.gantry.gateway.http;
