-- The response cache: answers with the embedding of their question, followed by every replica.
-- Times are epoch milliseconds, UTC; cost_micros is USD micro-units.
CREATE TABLE response_cache (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  scope         TEXT    NOT NULL,      -- the tenant, or '*' for a route shared by tenants
  route         TEXT    NOT NULL,
  route_version TEXT    NOT NULL,
  exact_key     TEXT,
  fingerprint   TEXT    NOT NULL,
  question      TEXT    NOT NULL,
  embedding     BLOB,                  -- little-endian float32
  answer        TEXT    NOT NULL,      -- the chat completion, JSON
  cost_micros   INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX response_cache_expires ON response_cache (expires_at);
CREATE TABLE response_cache_purge (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  route     TEXT,
  scope     TEXT,
  up_to_seq INTEGER NOT NULL,
  at        INTEGER NOT NULL
);
