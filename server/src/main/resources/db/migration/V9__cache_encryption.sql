-- Cached payloads are encrypted from now on (format byte + AES-256-GCM, see docs/wallet.md), the
-- content hash becomes an HMAC with a tenant key, and lookup columns get blind-index tokens.
-- Rows cached in clear cannot be encrypted in SQL: they are removed (the cache is derived data) and
-- the incremental checkpoints with them, so the next full sync (daily, or "sync now" with
-- mode=full) loads everything again.
DELETE FROM cache_record;
UPDATE sync_checkpoint SET last_sync_at = NULL, resume_since = NULL, resume_checkpoint = NULL;

ALTER TABLE cache_record ALTER COLUMN payload TYPE BYTEA USING convert_to(payload::text, 'UTF8');
ALTER TABLE cache_record ADD COLUMN lookup_tokens BYTEA[];

-- the blind-index lookup (DataCache.lookup): token containment, only rows that have tokens
CREATE INDEX cache_record_lookup_idx ON cache_record USING GIN (lookup_tokens)
    WHERE lookup_tokens IS NOT NULL;
