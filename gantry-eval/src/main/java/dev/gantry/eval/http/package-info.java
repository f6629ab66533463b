/**
 * Talking to the target over real HTTP: {@link dev.gantry.eval.http.TargetClient} sends JSON
 * requests with a bearer key, a per-request timeout and retries (with exponential backoff, or the
 * server's {@code Retry-After}) on transport errors, 429 and 5xx, and measures latency on the
 * client; {@link dev.gantry.eval.http.ResponseCache} keeps final responses on disk keyed by a hash
 * of the target and the canonical request, so unchanged cases are not sent again.
 */
package dev.gantry.eval.http;
