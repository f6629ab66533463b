/**
 * PII and secret detection with validated recognisers (checksums, issuer prefixes, phone number
 * plans, entropy), and reversible redaction with numbered placeholders.
 */
package dev.gantry.guardrails.pii;
