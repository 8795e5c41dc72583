-- The data cache: one row per (tenant, integration, table, record key).
-- version comes from one sequence, so (table, key, version) never repeats, not even when a record
-- is deleted and later created again: it identifies one announced state of a record.
CREATE SEQUENCE cache_record_version_seq;

CREATE TABLE cache_record
(
    -- no foreign key to tenant: cache rows are derived data, removed with their integration
    -- (which references its tenant), and a per-row FK check costs ~12 % of a first full sync
    tenant_id      UUID        NOT NULL,
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
-- No second index on purpose: every hot statement looks records up by the full primary key, and an
-- index sharing its (tenant, integration, table) prefix tempts the planner, whose statistics say the
-- table is tiny during a first load, into scanning the whole table per lookup. The daily retention
-- purge scans.
