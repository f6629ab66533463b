-- The W3C trace id of an audited request (32 lowercase hex digits), null for records written
-- before this column existed and for requests without a trace. A record with a trace id is hashed
-- under the chain's version-2 encoding, which includes it; one without keeps version 1.
ALTER TABLE audit_log ADD COLUMN trace_id TEXT;
