-- Stored Responses API answers and their conversations, for previous_response_id. Times are epoch
-- milliseconds, UTC; body is JSON, sealed with the active data key when one is configured.
CREATE TABLE responses (
  id          TEXT    PRIMARY KEY,
  tenant      TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  expires_at  BIGINT  NOT NULL,
  key_id      TEXT,
  body        BYTEA   NOT NULL
);
CREATE INDEX responses_expiry ON responses (expires_at);
