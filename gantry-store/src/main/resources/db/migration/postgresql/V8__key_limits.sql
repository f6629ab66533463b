-- Rate limits stored on an API key (gantry keys create --rpm --tpm --concurrency); 0 = no limit.
ALTER TABLE api_keys ADD COLUMN rpm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN tpm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN concurrency INTEGER NOT NULL DEFAULT 0;
