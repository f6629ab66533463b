/**
 * Provider translators, one per (client API, provider) pair: the OpenAI chat format in, each
 * provider's wire format out and back, streams included. Every attempt translates afresh from the
 * client's original request.
 */
package dev.gantry.gateway.providers;
