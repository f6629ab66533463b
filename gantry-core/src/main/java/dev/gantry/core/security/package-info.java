/**
 * Who is calling: the authenticated {@link dev.gantry.core.security.Principal} with its tenant,
 * {@link dev.gantry.core.security.Role} and scopes, shared by the gateway, the store and the audit
 * record.
 */
package dev.gantry.core.security;
