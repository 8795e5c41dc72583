-- The data cache: one row per (tenant, integration, table, record key).
-- version comes from one sequence, so (table, key, version) never repeats, not even when a record
-- is deleted and later created again: it identifies one announced state of a record.
CREATE SEQUENCE cache_record_version_seq;

CREATE TABLE cache_record
(
    tenant_id      UUID        NOT NULL REFERENCES tenant (id),
    integration_id TEXT        NOT NULL,
    table_name     TEXT        NOT NULL,
    record_key     TEXT        NOT NULL,
    content_hash   BYTEA       NOT NULL,
    payload        JSONB       NOT NULL,
    sor_updated_at TIMESTAMPTZ,
    version        BIGINT      NOT NULL,
    run_id         UUID        NOT NULL,
    synced_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, integration_id, table_name, record_key)
);
CREATE INDEX cache_record_sor_updated_idx ON cache_record (tenant_id, integration_id, table_name, sor_updated_at);

-- Records of a full sync that differ from the cache wait here until every page has arrived; then
-- one transaction applies them. One staging_id per table and sync. UNLOGGED: a crash empties it,
-- and a crashed full sync starts over.
CREATE UNLOGGED TABLE cache_staging
(
    staging_id     UUID  NOT NULL,
    record_key     TEXT  NOT NULL,
    content_hash   BYTEA NOT NULL,
    payload        JSONB NOT NULL,
    sor_updated_at TIMESTAMPTZ,
    staged_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX cache_staging_key_idx ON cache_staging (staging_id, record_key);
