/**
 * Input sanitisation of chat requests before anything else reads them: size and shape limits
 * (message count, characters per message and in total, nesting depth, allowed roles and content
 * part types), unpaired UTF-16 surrogates, and invisible Unicode that can smuggle instructions past
 * a human reviewer (tag characters, zero-width characters, bidirectional controls, runs of
 * variation selectors, other invisible formatting characters), which are reported, stripped or
 * rejected as configured. {@link dev.gantry.gateway.security.Sanitizer} is a pure function of the
 * request body and its {@link dev.gantry.gateway.security.SanitizeConfig}; it returns a typed
 * {@link dev.gantry.gateway.security.SanitizeResult} that a pipeline stage turns into a verdict.
 * Also here: authentication and its key cache, the role table and access checks (tenants, routes,
 * knowledge bases), validation of admin input, the admin actions and the audit recorder with its
 * per-request {@link dev.gantry.gateway.security.AuditTrail}, which writes exactly one record for
 * every outcome of an API request.
 */
package dev.gantry.gateway.security;
