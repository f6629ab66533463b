-- The spend ledger: one row per request, the source of truth for spend limits and usage reports.
-- Amounts are USD micro-units (1 USD = 1,000,000); times are epoch milliseconds, UTC; day is the
-- request's calendar day (YYYY-MM-DD) in cost.time_zone when it was recorded.
CREATE TABLE spend_ledger (
  id                 INTEGER PRIMARY KEY,
  ts                 INTEGER NOT NULL,
  day                TEXT    NOT NULL,
  request_id         TEXT    NOT NULL,
  tenant             TEXT    NOT NULL,
  key_id             TEXT,
  customer           TEXT,                 -- replaced by a pseudonym when the customer is erased
  route              TEXT,
  provider           TEXT,
  model              TEXT,
  tier               TEXT,
  tags               TEXT,                 -- ',a,b,' (comma-delimited), or NULL
  status             INTEGER NOT NULL,
  prompt_tokens      INTEGER NOT NULL,
  cached_tokens      INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  completion_tokens  INTEGER NOT NULL,
  reasoning_tokens   INTEGER NOT NULL,
  cost_micros        INTEGER NOT NULL,     -- the known part when cost_status is 'unknown'
  cost_status        TEXT    NOT NULL,     -- 'exact' | 'estimated' | 'unknown'
  escalated          INTEGER NOT NULL,
  cache_hit          INTEGER NOT NULL,
  attempts           INTEGER NOT NULL,
  tokens_saved       INTEGER NOT NULL
);
CREATE INDEX spend_ledger_tenant_ts ON spend_ledger (tenant, ts);
CREATE INDEX spend_ledger_customer_ts ON spend_ledger (tenant, customer, ts);
CREATE INDEX spend_ledger_key_ts ON spend_ledger (key_id, ts);
