-- The audit chain's hashes are no longer indexed. A UNIQUE index on a random 64-digit hash put
-- every appended record on a random page of that index, so a commit of 13 records wrote about 37
-- pages to the WAL instead of 18, which the answer waiting for its record paid for. Uniqueness
-- holds by construction (each hash covers its sequence number and the previous hash); the only
-- lookup by hash is `gantry audit verify` naming where a broken link points, which scans.
-- SQLite cannot drop a column constraint, so the table is rebuilt once (all rows copied).
CREATE TABLE audit_log_rebuilt (
  seq               INTEGER PRIMARY KEY,
  kind              TEXT    NOT NULL,     -- 'request' | 'admin'
  ts                INTEGER NOT NULL,
  tenant            TEXT,
  request_id        TEXT,
  key_id            TEXT,
  customer          TEXT,                 -- erasable
  commit_salt       BLOB,                 -- erasable; 16 random bytes
  customer_commit   TEXT,
  route             TEXT,
  deployment        TEXT,
  status            INTEGER,
  verdicts          TEXT,
  prompt_tokens     INTEGER,
  completion_tokens INTEGER,
  cost_micros       INTEGER,
  latency_ms        INTEGER,
  payload           BLOB,                 -- erasable; nonce || AES-GCM ciphertext || tag
  payload_key_id    TEXT,
  payload_commit    TEXT,
  actor_key_id      TEXT,
  action            TEXT,
  object_type       TEXT,
  object_id         TEXT,
  before_json       TEXT,
  after_json        TEXT,
  erased_at         INTEGER,
  prev_hash         TEXT    NOT NULL,
  hash              TEXT    NOT NULL,
  trace_id          TEXT
);
INSERT INTO audit_log_rebuilt (
  seq, kind, ts, tenant, request_id, key_id, customer, commit_salt, customer_commit, route,
  deployment, status, verdicts, prompt_tokens, completion_tokens, cost_micros, latency_ms, payload,
  payload_key_id, payload_commit, actor_key_id, action, object_type, object_id, before_json,
  after_json, erased_at, prev_hash, hash, trace_id)
SELECT
  seq, kind, ts, tenant, request_id, key_id, customer, commit_salt, customer_commit, route,
  deployment, status, verdicts, prompt_tokens, completion_tokens, cost_micros, latency_ms, payload,
  payload_key_id, payload_commit, actor_key_id, action, object_type, object_id, before_json,
  after_json, erased_at, prev_hash, hash, trace_id
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
CREATE INDEX audit_log_ts ON audit_log (ts);
CREATE INDEX audit_log_tenant_ts ON audit_log (tenant, ts);
CREATE INDEX audit_log_customer ON audit_log (customer) WHERE customer IS NOT NULL;
CREATE INDEX audit_log_payload_key ON audit_log (payload_key_id) WHERE payload IS NOT NULL;
