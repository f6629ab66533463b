/**
 * PII and secret detection, and reversible redaction with numbered placeholders. Structured data
 * (e-mail, phone, payment card, IBAN, SSN, IP address, credentials) is found by validated
 * recognisers (checksums, issuer prefixes, phone number plans, entropy); person names, locations
 * and street addresses by a small linear-chain tagger (averaged structured perceptron with Viterbi
 * decoding) over word-list, case, shape and context features, whose model and word lists ship as
 * resources beside this package.
 */
package dev.gantry.guardrails.pii;
