-- Sync runs (history) and per-table checkpoints.
CREATE TABLE sync_run
(
    id             UUID        PRIMARY KEY,
    tenant_id      UUID        NOT NULL REFERENCES tenant (id),
    integration_id TEXT        NOT NULL,
    mode           TEXT        NOT NULL CHECK (mode IN ('FULL', 'INCREMENTAL')),
    trigger        TEXT        NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    status         TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    queued_at      TIMESTAMPTZ NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    pages          INT         NOT NULL DEFAULT 0,
    records_read   BIGINT      NOT NULL DEFAULT 0,
    created        BIGINT      NOT NULL DEFAULT 0,
    updated        BIGINT      NOT NULL DEFAULT 0,
    deleted        BIGINT      NOT NULL DEFAULT 0,
    unchanged      BIGINT      NOT NULL DEFAULT 0,
    skipped        BIGINT      NOT NULL DEFAULT 0,
    error          TEXT
);
CREATE INDEX sync_run_by_integration_idx ON sync_run (tenant_id, integration_id, queued_at DESC);

-- last_sync_at: when the last sync that completed this table started (the next incremental asks
-- for changes since then, minus the spec's lookback). resume_*: an incremental read interrupted
-- after committing some pages continues from resume_checkpoint with the same resume_since.
CREATE TABLE sync_checkpoint
(
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    integration_id    TEXT NOT NULL,
    table_name        TEXT NOT NULL,
    last_sync_at      TIMESTAMPTZ,
    resume_since      TIMESTAMPTZ,
    resume_checkpoint TEXT,
    PRIMARY KEY (tenant_id, integration_id, table_name)
);
