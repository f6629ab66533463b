-- Cache entries encrypted at rest: key_id names the data key that sealed question and answer
-- (both then hold base64 of nonce || AES-256-GCM ciphertext || tag); NULL means clear text, as
-- written before this version or without data keys. Embeddings stay in clear.
ALTER TABLE response_cache ADD COLUMN key_id TEXT;
