/**
 * The HTTP face of the gateway: dispatch of the endpoints, request bodies with size and time
 * limits, server-sent events, request ids, and one adapter per inbound API (OpenAI chat, OpenAI
 * Responses, Anthropic Messages, legacy completions) that turns requests into the canonical chat
 * request and answers, streams and errors back into that API's shape and status.
 */
package dev.gantry.gateway.http;
