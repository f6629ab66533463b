/**
 * The HTTP face of the gateway: dispatch of the OpenAI endpoints, request bodies with size and time
 * limits, server-sent events, request ids, and the mapping of every failure to an OpenAI-style JSON
 * error with its status. Around every request a last-resort guard makes sure it gets exactly one
 * answer ({@code RequestGuard}); around every listener, connection limits and a header deadline for
 * each request of a keep-alive connection ({@link dev.gantry.gateway.http.ConnectionGuard}); below
 * the JSON level, malformed URIs, request lines, headers and chunked framing are answered with the
 * same JSON errors.
 */
package dev.gantry.gateway.http;
