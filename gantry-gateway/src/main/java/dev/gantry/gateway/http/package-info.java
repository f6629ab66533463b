/**
 * The HTTP face of the gateway: dispatch of the endpoints, request bodies with size and time
 * limits, server-sent events, request ids, and one adapter per inbound API (OpenAI chat, OpenAI
 * Responses, Anthropic Messages, legacy completions) that turns requests into the canonical chat
 * request and answers, streams and errors back into that API's shape and status. Around every
 * request a last-resort guard makes sure it gets exactly one answer ({@code RequestGuard}); around
 * every listener, connection limits and a header deadline for each request of a keep-alive
 * connection ({@link dev.gantry.gateway.http.ConnectionGuard}); below the JSON level, malformed
 * URIs, request lines, headers and chunked framing are answered with the same JSON errors.
 */
package dev.gantry.gateway.http;
