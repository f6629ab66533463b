-- API keys: only the visible prefix and HMAC-SHA-256(server secret, key) are stored.
CREATE TABLE api_keys (
  id           TEXT    PRIMARY KEY,
  prefix       TEXT    NOT NULL UNIQUE,
  secret_hmac  BYTEA   NOT NULL,
  tenant       TEXT    NOT NULL,
  role         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  routes       TEXT    NOT NULL,          -- JSON array, empty = every route
  endpoints    TEXT    NOT NULL,          -- JSON array, empty = every endpoint
  created_at   BIGINT  NOT NULL,          -- epoch milliseconds, UTC
  expires_at   BIGINT,
  revoked_at   BIGINT,
  rotated_from TEXT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant);

-- The audit chain. Times are epoch milliseconds; text is hashed exactly as stored.
CREATE TABLE audit_log (
  seq               BIGINT  PRIMARY KEY,
  kind              TEXT    NOT NULL,     -- 'request' | 'admin'
  ts                BIGINT  NOT NULL,
  tenant            TEXT,
  request_id        TEXT,
  key_id            TEXT,
  customer          TEXT,                 -- erasable
  commit_salt       BYTEA,                -- erasable; 16 random bytes
  customer_commit   TEXT,
  route             TEXT,
  deployment        TEXT,
  status            INTEGER,
  verdicts          TEXT,
  prompt_tokens     BIGINT,
  completion_tokens BIGINT,
  cost_micros       BIGINT,
  latency_ms        BIGINT,
  payload           BYTEA,                -- erasable; nonce || AES-GCM ciphertext || tag
  payload_key_id    TEXT,
  payload_commit    TEXT,
  actor_key_id      TEXT,
  action            TEXT,
  object_type       TEXT,
  object_id         TEXT,
  before_json       TEXT,
  after_json        TEXT,
  erased_at         BIGINT,
  prev_hash         TEXT    NOT NULL,
  hash              TEXT    NOT NULL UNIQUE
);
CREATE INDEX audit_log_ts ON audit_log (ts);
CREATE INDEX audit_log_tenant_ts ON audit_log (tenant, ts);
CREATE INDEX audit_log_customer ON audit_log (customer) WHERE customer IS NOT NULL;
CREATE INDEX audit_log_payload_key ON audit_log (payload_key_id) WHERE payload IS NOT NULL;

-- The newest record's sequence number and hash; every append batch locks and moves it.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT  NOT NULL,
  hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Retention anchors: after a purge, verification starts from the newest anchor.
CREATE TABLE audit_anchor (
  seq          BIGINT  PRIMARY KEY,
  hash         TEXT    NOT NULL,
  purged_at    BIGINT  NOT NULL,
  purged_count BIGINT  NOT NULL
);
INSERT INTO audit_anchor (seq, hash, purged_at, purged_count)
VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);
