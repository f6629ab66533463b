-- The audit chain's hashes are no longer indexed: a UNIQUE index on a random 64-digit hash put
-- every appended record on a random page of that index, written with each commit the answer waits
-- for. Uniqueness holds by construction (each hash covers its sequence number and the previous
-- hash); the only lookup by hash is `gantry audit verify` naming where a broken link points.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_hash_key;
